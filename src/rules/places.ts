/**
 * Where the rules' documents apply, and the places a question names. A document binds the area of
 * the government that issued it (its header's 发文机关): 晋市政办 documents Jincheng city with its
 * six county-level units and development zones, 城政办发 documents Chengqu district alone. A
 * question about a project or town elsewhere (项目在太原市) is not answered from them as if it were
 * Jincheng's: see {@link outsideArea}.
 */
import type { Localized } from '../text/locale.ts';

export type AreaId =
  | 'china' | 'shanxi' | 'jincheng' | 'chengqu' | 'zezhou' | 'gaoping' | 'yangcheng' | 'lingchuan' | 'qinshui' | 'jetdz'
  | 'elsewhere-in-shanxi' | 'elsewhere';

export interface Area {
  id: AreaId;
  name: Localized;
  /** The area it lies in (`null` for the whole country). */
  parent: AreaId | null;
  /** Names that name it in a question; short names only where they stand as a place (see PLACE_CONTEXT). */
  names: RegExp;
}

export const AREAS: Area[] = [
  { id: 'china', name: { zh: '全国', en: 'China' }, parent: null, names: /全国|\bnationwide\b/gi },
  { id: 'shanxi', name: { zh: '山西省', en: 'Shanxi' }, parent: 'china', names: /山西省?|\bShanxi\b/gi },
  { id: 'jincheng', name: { zh: '晋城市', en: 'Jincheng' }, parent: 'shanxi', names: /晋城市?(?!经济技术开发区|经开区)|\bJincheng\b(?!\s+(?:ETDZ|Economic))/gi },
  { id: 'chengqu', name: { zh: '城区', en: 'Chengqu' }, parent: 'jincheng', names: /(?:晋城市)?城区|\bChengqu\b/gi },
  { id: 'zezhou', name: { zh: '泽州县', en: 'Zezhou' }, parent: 'jincheng', names: /泽州县?|\bZezhou\b/gi },
  { id: 'gaoping', name: { zh: '高平市', en: 'Gaoping' }, parent: 'jincheng', names: /高平市?|\bGaoping\b/gi },
  { id: 'yangcheng', name: { zh: '阳城县', en: 'Yangcheng' }, parent: 'jincheng', names: /阳城县?|\bYangcheng\b/gi },
  { id: 'lingchuan', name: { zh: '陵川县', en: 'Lingchuan' }, parent: 'jincheng', names: /陵川县?|\bLingchuan\b/gi },
  { id: 'qinshui', name: { zh: '沁水县', en: 'Qinshui' }, parent: 'jincheng', names: /沁水县?|\bQinshui\b/gi },
  { id: 'jetdz', name: { zh: '晋城经济技术开发区', en: 'Jincheng ETDZ' }, parent: 'jincheng', names: /晋城经济技术开发区|晋城经开区|\bJincheng\s+(?:ETDZ|Economic\s+and\s+Technological\s+Development\s+Zone)\b/gi },
  {
    id: 'elsewhere-in-shanxi', name: { zh: '山西省其他市', en: 'elsewhere in Shanxi' }, parent: 'shanxi',
    names: /太原市?|大同市?|阳泉市?|长治市?|晋中市?|忻州市?|临汾市?|运城市?|吕梁市?|朔州市?|\b(?:Taiyuan|Datong|Yangquan|Changzhi|Jinzhong|Xinzhou|Linfen|Yuncheng|Lüliang|Lvliang|Shuozhou)\b/gi,
  },
  {
    id: 'elsewhere', name: { zh: '其他省市', en: 'elsewhere' }, parent: 'china',
    names: /北京市?|天津市?|上海市?|重庆市?|河北省?|内蒙古|辽宁省?|吉林省?|黑龙江省?|江苏省?|浙江省?|安徽省?|福建省?|江西省?|山东省?|河南省?|湖北省?|湖南省?|广东省?|广西|海南省?|四川省?|贵州省?|云南省?|西藏|陕西省?|甘肃省?|青海省?|宁夏|新疆|香港|澳门|深圳市?|广州市?|杭州市?|南京市?|苏州市?|武汉市?|成都市?|西安市?|郑州市?|济南市?|青岛市?|合肥市?|长沙市?|石家庄市?|呼和浩特市?|沈阳市?|大连市?|哈尔滨市?|长春市?|福州市?|厦门市?|南昌市?|南宁市?|贵阳市?|昆明市?|兰州市?|西宁市?|银川市?|乌鲁木齐市?|宁波市?|无锡市?|焦作市?|洛阳市?|新乡市?|济源市?|\b(?:Beijing|Tianjin|Shanghai|Chongqing|Hebei|Henan|Shaanxi|Shandong|Jiangsu|Zhejiang|Guangdong|Shenzhen|Guangzhou|Hangzhou|Nanjing|Wuhan|Chengdu|Xi'an|Zhengzhou)\b/gi,
  },
];

const BY_ID = new Map(AREAS.map((a) => [a.id, a]));

/**
 * A short Chinese name (高平, 长治) is a place only where it stands as one: with its 市/县/省, after
 * 在 / 位于 / 落户 …, or before 的 / 项目 / 那边 … — not inside 提高平均 or 长治久安.
 */
const PLACE_BEFORE = /(?:在|位于|落户(?:在|于|到)?|来自|地处|选址(?:在|于)?|属于|去|到|是)\s*$/;
const PLACE_AFTER = /^(?:省|市|县|区|开发区|经开区|高新区|新区|招商|商务|投促|政府|地区|境内|一带|那边|这边|当地|本地|的|项目|企业|镇|[，,。；;！!？?、\s]|$)/;
/** A county or city the list does not know, named after a word of place (项目在长子县). */
const UNLISTED = /(?:在|位于|落户(?:在|于|到)?|来自|地处|选址(?:在|于)?)\s*([\u4e00-\u9fff]{2,4}?(?:省|市|县))/g;
const NOT_A_PLACE = /^(?:本|我|全|各|该|此|这|那|某|外|省|市|县|城|其他|当地|周边|附近|同一)/;

/** The places `text` names, as written, each with the area it is in. */
export function namedPlaces(text: string): Array<{ name: string; area: AreaId; start: number }> {
  const out: Array<{ name: string; area: AreaId; start: number }> = [];
  for (const a of AREAS) {
    for (const m of text.matchAll(new RegExp(a.names.source, a.names.flags))) {
      const name = m[0];
      const latin = /^[a-z]/i.test(name);
      const long = name.length >= 4 || /[省市县]$/.test(name);
      if (!latin && !long && !PLACE_BEFORE.test(text.slice(0, m.index!)) && !PLACE_AFTER.test(text.slice(m.index! + name.length))) continue;
      out.push({ name, area: a.id, start: m.index! });
    }
  }
  for (const m of text.matchAll(UNLISTED)) {
    const name = m[1]!;
    const start = m.index! + m[0].length - name.length;
    if (NOT_A_PLACE.test(name) || out.some((o) => o.start <= start && start < o.start + o.name.length)) continue;
    out.push({ name, area: 'elsewhere', start });
  }
  // 晋城市城区 is one place: a name inside a longer one is not named again.
  const kept = out.filter((p) => !out.some((q) => q !== p && q.start <= p.start && p.start + p.name.length <= q.start + q.name.length && q.name.length > p.name.length));
  return kept.sort((a, b) => a.start - b.start);
}

/** The area a place name is in (first match), for places kept in the facts. */
export function areaOf(name: string): AreaId {
  return namedPlaces(name)[0]?.area ?? 'elsewhere';
}

/** True when `inner` lies inside `outer` (or is it). */
export function within(inner: AreaId, outer: AreaId): boolean {
  for (let a: AreaId | null = inner; a; a = BY_ID.get(a)?.parent ?? null) if (a === outer) return true;
  return false;
}

export function areaName(id: AreaId): Localized {
  return BY_ID.get(id)!.name;
}

/**
 * The named places that lie outside `area`. A place named beside a more specific one inside it
 * (晋城市 in 晋城市泽州县) is judged by that one; a place larger than the area (山西省 for a Jincheng
 * rule) is outside it, since the area's rule does not bind all of it; and a place outside beside a
 * short name the area also has (太原城区: Taiyuan's urban district) is outside.
 */
export function outsideArea(names: readonly string[], area: AreaId): string[] {
  const places = names.map((n) => ({ n, a: areaOf(n) }));
  const specific = places.filter((p) => !places.some((q) => q !== p && q.a !== p.a && within(q.a, p.a)));
  const foreign = specific.filter((p) => !within(p.a, area));
  return foreign.map((p) => p.n);
}
