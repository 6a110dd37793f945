/**
 * The rules of 我的事项, 我的评价 and 结果公示, free of I/O: the states a business system
 * reports, which of them end an item (and open it to a rating), the national 政务服务“好差评”
 * grades and which need a comment, the references and limits of the system API.
 */

/** States of an item as its business system reports them (我的事项). */
export const MATTER_STATES = ['已提交', '受理中', '已办结', '不予受理'] as const;
export type MatterState = (typeof MATTER_STATES)[number];

/** States that end an item: its applicant may then rate it, once. */
export const FINISHED_STATES: readonly MatterState[] = ['已办结', '不予受理'];
export const isFinished = (state: MatterState): boolean => FINISHED_STATES.includes(state);

/** 政务服务“好差评”: five grades, best first. */
export const RATING_GRADES = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type RatingGrade = (typeof RATING_GRADES)[number];

/** The two lowest grades need a comment saying why. */
export const COMMENT_REQUIRED_GRADES: readonly RatingGrade[] = ['不满意', '非常不满意'];
export const commentRequired = (grade: RatingGrade): boolean => COMMENT_REQUIRED_GRADES.includes(grade);

export const MATTER_LIMITS = {
  titleMax: 100,
  linkMax: 500,
  commentMax: 500,
  resultSummaryMax: 1000,
  /** 我要办理: how many recently used items it shows. */
  recentItems: 10,
  /** 结果公示: rows per page (at most). */
  resultsPageSizeMax: 50,
  resultsSearchMax: 50,
  /** Most rows one CSV export of ratings holds. */
  ratingsExportMax: 10_000,
} as const;

/** A system's own reference (办件编号, 公示编号): its idempotency key, safe in a URL path. */
export const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9\-_.:]{0,63}$/;

/** What a report changes of a stored item: nothing (a repeat), its state (recorded in the history), or only its title or link. */
export function reportChange(
  stored: { state: MatterState; title: string; link: string },
  reported: { state: MatterState; title: string; link: string },
): 'none' | 'state' | 'details' {
  if (stored.state !== reported.state) return 'state';
  return stored.title === reported.title && stored.link === reported.link ? 'none' : 'details';
}

/** Counts per grade, every grade present (0 when none), best first. */
export function gradeCounts(rows: { grade: RatingGrade; count: number }[]): Record<RatingGrade, number> {
  const counts = Object.fromEntries(RATING_GRADES.map((grade) => [grade, 0])) as Record<RatingGrade, number>;
  for (const row of rows) counts[row.grade] += row.count;
  return counts;
}
