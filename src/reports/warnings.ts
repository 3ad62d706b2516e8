/**
 * Soft warnings on a report's values: things that are allowed but often a typing mistake, shown
 * for confirmation before the write. Pure functions of the definition, the values and the
 * unit's recent history; thresholds live in the report definition.
 */
import type { ReportDefinition } from './definition.ts';
import type { ReportValues } from './values.ts';
import { fieldName, numericFields } from './values.ts';
import type { Warning } from './storeTypes.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A pair of related fields where one is positive and the other zero (签约项目数 without 签约总投资,
 * or the reverse), and a value above N × the unit's median of its last months (`history`, the
 * stored values of those months; too short a history gives no median warning).
 */
export function softWarnings(def: ReportDefinition, values: ReportValues, history: ReportValues[]): Warning[] {
  const out: Warning[] = [];
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  for (const [a, b] of def.warnings.pairs) {
    const va = Number(values[a] ?? 0);
    const vb = Number(values[b] ?? 0);
    if ((va > 0) !== (vb > 0)) {
      const fa = byKey.get(a)!;
      const fb = byKey.get(b)!;
      const [pos, zero] = va > 0 ? [fa, fb] : [fb, fa];
      out.push({
        code: 'pair',
        field: zero.key,
        fields: [a, b],
        problem: {
          zh: `${fieldName(pos, 'zh-CN')}大于 0，但${fieldName(zero, 'zh-CN')}为 0，请核实`,
          en: `${fieldName(pos, 'en')} is above 0 but ${fieldName(zero, 'en')} is 0; please check`,
        },
      });
    }
  }
  const { medianFactor, medianMonths, minHistory } = def.warnings;
  if (history.length >= minHistory) {
    for (const f of numericFields(def)) {
      const v = Number(values[f.key] ?? 0);
      const med = median(history.map((h) => Number(h[f.key] ?? 0)));
      if (med > 0 && v > medianFactor * med) {
        out.push({
          code: 'median',
          field: f.key,
          fields: [f.key],
          problem: {
            zh: `${fieldName(f, 'zh-CN')}为 ${v}，超过本单位近 ${medianMonths} 个月中位数（${med}）的 ${medianFactor} 倍，请核实`,
            en: `${fieldName(f, 'en')} is ${v}, over ${medianFactor}× the unit's ${medianMonths}-month median (${med}); please check`,
          },
        });
      }
    }
  }
  return out;
}
