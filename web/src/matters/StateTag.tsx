import { Tag } from 'antd';
import type { MatterState } from '../../../src/matters/rules.ts';

const COLORS: Record<MatterState, string> = { 已提交: 'blue', 受理中: 'processing', 已办结: 'success', 不予受理: 'error' };
const EN: Record<MatterState, string> = { 已提交: 'Submitted', 受理中: 'In progress', 已办结: 'Done', 不予受理: 'Not accepted' };

/** A matter's state as its business system reported it (the Chinese state is the data; English only as a title). */
export function StateTag({ state }: { state: MatterState }) {
  return (
    <Tag color={COLORS[state]} title={EN[state]}>
      {state}
    </Tag>
  );
}
