/** /help: every command from the definitions, Chinese first with English below. */
import type { Roles } from '../../core/context.ts';
import { commandSpecs } from '../../core/commandSpec.ts';
import type { Block, Locale, Reply } from '../../core/reply.ts';
import { PRODUCT_NAME } from '../../core/words.ts';

export function helpReply(locale: Locale, roles: Roles, prefix = '/'): Reply {
  const bind = `${prefix}admin bind`;
  const visible = commandSpecs.filter(
    (c) => c.audience === 'everyone' || (c.audience === 'reporter' && (roles.coordinator || roles.units.length > 0)) || (c.audience === 'coordinator' && roles.coordinator),
  );
  const line = (name: string, zh: string, en: string) => ({ label: `${prefix}${name}`, value: locale === 'en' ? `${en}\n${zh}` : `${zh}\n${en}` });
  const fields = visible.flatMap((c) =>
    c.subcommands
      ? c.subcommands.map((s) => line(`${c.name} ${s.name}`, `${c.nameZh}·${s.nameZh}：${s.description['zh-CN']}`, s.description.en))
      : [line(c.name, c.description['zh-CN'].startsWith(c.nameZh) ? c.description['zh-CN'] : `${c.nameZh}：${c.description['zh-CN']}`, c.description.en)],
  );
  const blocks: Block[] = [
    { type: 'text', text: `${PRODUCT_NAME} — 使用说明 / Help`, style: 'title' },
    {
      type: 'text',
      text:
        '直接提问即可，例如「这个项目需要节能审查吗？」「城区专业镇领导小组组长是谁」。每个回答都附原文条款、文号和条款路径。\n' +
        'Ask in Chinese or English, e.g. "does this project need an energy review". Every answer quotes the clause with its document number and path.',
    },
    { type: 'fields', fields },
  ];
  if (!roles.coordinator && roles.units.length === 0) {
    blocks.push({ type: 'text', text: `报送月报需先由协调员绑定单位（${bind}）。To submit monthly reports, ask a coordinator to bind you to your unit (${bind}).`, style: 'muted' });
  }
  return { blocks, ephemeral: true, data: { commands: visible.map((c) => c.name) } };
}
