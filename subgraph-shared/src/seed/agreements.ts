import { allianceId } from '@linju/border-seed';
import { day } from '@linju/border-seed';
import { gid, type Side } from '@linju/border-seed';
import { townKey, villageKey } from '@linju/border-seed';
import type { AgreementRow, AgreementSignatoryRow, CooperationItemRow } from '@linju/border-seed';

interface AgreementSpec {
  key: string;
  title: string;
  signedOn: string;
  alliance: string | null;
  signatories: { side: Side; org: string }[];
  /** Cooperation items by category, in order. */
  items: [category: CooperationItemRow['category'], titles: string[]][];
}

const town = (side: Side, key: string) => ({ side, org: townKey(key) });
const village = (side: Side, t: string, v: string) => ({ side, org: villageKey(t, v) });

const AGREEMENTS: AgreementSpec[] = [
  {
    // Seed 000: 磨溪镇与双江镇签订毗邻乡镇党建合作联建协议 (signing day illustrative; items illustrative).
    key: 'moxi-shuangjiang-2021',
    title: '磨溪镇—双江镇毗邻乡镇党建合作联建协议',
    signedOn: '2021-01-08',
    alliance: 'moxi-shuangjiang',
    signatories: [town('sichuan', 'moxi'), town('chongqing', 'shuangjiang')],
    items: [
      ['党建共抓', ['组织生活联过、党员干部联训', '推行结对村党组织委员交叉任职']],
      ['产业共兴', ['共建蔬菜产业联建基地']],
      ['治理共抓', ['矛盾纠纷联调、治安联防']],
    ],
  },
  {
    // Seed 001: 28 毗邻镇村 signed the framework agreement, 5 categories, 17 items (signing day illustrative).
    key: 'suitong-framework',
    title: '遂潼毗邻镇村区域联动发展框架协议',
    signedOn: '2022-05-18',
    alliance: null,
    signatories: [
      ...['moxi', 'fenshui', 'baima', 'yufeng', 'ximei', 'lanjiang'].map((t) => town('sichuan', t)),
      village('sichuan', 'moxi', 'shiqiao'), village('sichuan', 'moxi', 'longquan'),
      village('sichuan', 'fenshui', 'xinlong'), village('sichuan', 'fenshui', 'gaofeng'),
      village('sichuan', 'baima', 'jinqiao'), village('sichuan', 'yufeng', 'huayuan'),
      village('sichuan', 'yufeng', 'sanhe'), village('sichuan', 'ximei', 'guanyin'),
      ...['shuangjiang', 'guxi', 'chongkan', 'taian', 'wugui', 'yuxi'].map((t) => town('chongqing', t)),
      village('chongqing', 'shuangjiang', 'heping'), village('chongqing', 'guxi', 'taiping'),
      village('chongqing', 'chongkan', 'linjiang'), village('chongqing', 'taian', 'guanba'),
      village('chongqing', 'wugui', 'wuli'), village('chongqing', 'chongkan', 'qingshi'),
      village('chongqing', 'yuxi', 'baiguo'), village('chongqing', 'biekou', 'dafo'),
    ],
    items: [
      ['党建共抓', ['联合党组织共建', '党员教育共管', '村党组织“双委员制”交叉任职', '党群服务阵地共享']],
      ['产业共兴', ['产业规划共编', '“潼南绿”“遂宁鲜”区域品牌共塑', '现代农业园区共建', '村级集体经济共壮']],
      ['服务共享', ['川渝通办事项互办', '远程医疗与双向转诊', '潼安职教联盟实训共享']],
      ['治理共抓', ['矛盾纠纷联调', '治安联防联控', '边界环境联护']],
      ['文明共创', ['移风易俗共倡', '文体活动共办', '红色教育环线共建']],
    ],
  },
];

export const agreements: AgreementRow[] = AGREEMENTS.map((a) => ({
  id: gid('joint', 'Agreement', a.key),
  title: a.title,
  signedOn: day(a.signedOn),
  allianceId: a.alliance === null ? null : allianceId(a.alliance),
}));

/** Signatories are references to each side's organizations. */
export const agreementSignatories: AgreementSignatoryRow[] = AGREEMENTS.flatMap((a) =>
  a.signatories.map((s) => ({ agreementId: gid('joint', 'Agreement', a.key), organizationId: gid(s.side, 'Organization', s.org), jurisdiction: s.side })),
);

export const cooperationItems: CooperationItemRow[] = AGREEMENTS.flatMap((a) =>
  a.items
    .flatMap(([category, titles]) => titles.map((title) => ({ category, title })))
    .map((item, i) => ({
      id: gid('joint', 'CooperationItem', `${a.key}-${String(i + 1).padStart(2, '0')}`),
      agreementId: gid('joint', 'Agreement', a.key),
      category: item.category,
      title: item.title,
      position: i + 1,
    })),
);
