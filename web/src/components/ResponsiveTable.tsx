/**
 * A table on a tablet or desktop, a list of label/value cards on a phone (issue 17: "tables that
 * become lists"; an antd Table scrolling sideways is not usable at 390 px). Takes the Table's own
 * props; below the md breakpoint every row becomes one list item, its columns a one-column
 * Descriptions (column title as the label). A cell the table would merge away (colSpan or rowSpan
 * 0) is left out; a cell spanning several columns is shown alone, without a label.
 */
import { Descriptions, Grid, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import './responsive-table.css';

/** True below antd's md breakpoint (768 px). Desktop until the first measurement, which runs before the first paint. */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

function cellValue<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  // Read as unknown: narrowing antd's recursive DataIndex<T> type with Array.isArray makes tsc
  // run out of memory.
  const dataIndex: unknown = column.dataIndex;
  const path: readonly unknown[] = dataIndex === undefined ? [] : Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let value: unknown = row;
  for (const part of path) value = value == null ? undefined : (value as Record<string, unknown>)[String(part)];
  if (path.length === 0) value = undefined;
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value as ReactNode;
}

function keyOf<T>(rowKey: TableProps<T>['rowKey'], row: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  const record = row as Record<string, unknown>;
  if (typeof rowKey === 'string') return record[rowKey] as Key;
  return (record.key as Key | undefined) ?? index;
}

/**
 * `listBelow` moves the switch up to lg (992 px) for tables too wide for a tablet (授权用户管理's
 * eight columns).
 */
export function ResponsiveTable<T extends object>({ listBelow = 'md', ...props }: TableProps<T> & { listBelow?: 'md' | 'lg' }) {
  const screens = Grid.useBreakpoint();
  if (screens[listBelow] !== false) return <Table<T> {...props} />;
  const { dataSource = [], columns = [], rowKey, loading, locale, className, pagination, onRow } = props;
  const leaves = columns.filter((column): column is ColumnType<T> => !('children' in column));
  return (
    <List<T>
      className={['responsive-list', className].filter(Boolean).join(' ')}
      loading={typeof loading === 'boolean' ? loading : undefined}
      dataSource={[...dataSource]}
      locale={{ emptyText: locale?.emptyText as ReactNode }}
      pagination={pagination ? { pageSize: pagination.pageSize, hideOnSinglePage: pagination.hideOnSinglePage, size: 'small' } : false}
      rowKey={(row) => keyOf(rowKey, row, dataSource.indexOf(row))}
      renderItem={(row, index) => {
        const cells = leaves.map((column, at) => ({ column, at, span: column.onCell?.(row, index) ?? {} }));
        const whole = cells.find((cell) => (cell.span.colSpan ?? 1) > 1);
        const attributes = (onRow?.(row, index) ?? {}) as HTMLAttributes<HTMLElement>;
        return (
          <List.Item {...attributes}>
            {whole ? (
              <div className="responsive-list-whole">{cellValue(whole.column, row, index)}</div>
            ) : (
              <Descriptions
                size="small"
                bordered
                column={1}
                className="responsive-list-item"
                items={cells
                  .filter((cell) => cell.span.colSpan !== 0 && cell.span.rowSpan !== 0)
                  .map((cell) => ({
                    key: String(cell.column.key ?? cell.column.dataIndex ?? cell.at),
                    label: typeof cell.column.title === 'function' ? undefined : (cell.column.title as ReactNode),
                    children: cellValue(cell.column, row, index),
                  }))}
              />
            )}
          </List.Item>
        );
      }}
    />
  );
}
