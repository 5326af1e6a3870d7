import type { Rng } from './random.ts';

// Common surnames of the Sichuan basin and frequent given-name characters. Every name drawn from
// them is illustrative: no real person is meant.
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭',
  '罗', '唐', '蒋', '邓', '谢', '曾', '彭', '冯', '雷', '龙', '余', '段', '钟', '邹', '袁', '廖', '熊', '向',
];
const MALE = ['国', '建', '明', '强', '伟', '军', '华', '平', '勇', '斌', '志', '文', '春', '德', '林', '永', '成', '兴', '俊', '海', '波', '涛', '刚', '峰'];
const FEMALE = ['秀', '英', '丽', '芳', '敏', '琴', '燕', '霞', '玲', '红', '梅', '娟', '兰', '萍', '静', '慧', '琳', '婷', '雪', '莉'];

export interface DrawnName {
  name: string;
  gender: '男' | '女';
}

/** An illustrative Chinese personal name with a gender, drawn from `rng` (about one in three female). */
export function personName(rng: Rng): DrawnName {
  const gender = rng.next() < 0.35 ? '女' : '男';
  const chars = gender === '男' ? MALE : FEMALE;
  const given = rng.next() < 0.7 ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return { name: rng.pick(SURNAMES) + given, gender };
}
