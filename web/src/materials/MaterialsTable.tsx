import { Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ImageButton } from './ImageButton.tsx';
import { materialFileUrl, type SlotView } from './materials-api.ts';
import { NOT_UPLOADED, OTHER_MATERIALS_INTRO, SUBJECT_TEXTS, type Explanation } from './texts.ts';
import { UploadControl } from './UploadControl.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';

type Row = { key: string; kind: 'slot'; slot: SlotView } | { key: string; kind: 'intro' };

export interface MaterialsTableProps {
  subject: VerificationSubject;
  slots: SlotView[];
  editable: boolean;
  busy: ReadonlySet<string>;
  problems: Readonly<Record<string, FieldLabel>>;
  onFile: (slot: string, file: File) => void;
}

/** The slots, with the seed's intro line before the optional 其他材料 rows. */
function rowsOf(slots: SlotView[]): Row[] {
  const firstOptional = slots.findIndex((s) => !s.required);
  const rows: Row[] = slots.map((slot) => ({ key: slot.slot, kind: 'slot', slot }));
  if (firstOptional > 0) rows.splice(firstOptional, 0, { key: '__intro', kind: 'intro' });
  return rows;
}

/** 如存在特殊情况请点击“此处”上传其他材料: 此处 opens the file chooser of the first 其他材料. */
function OtherMaterialsIntro({ slot, editable }: { slot: SlotView | undefined; editable: boolean }) {
  const { lang } = useI18n();
  const text = OTHER_MATERIALS_INTRO[lang];
  const choose = (event: MouseEvent) => {
    event.preventDefault();
    document.querySelector<HTMLInputElement>(`input[type=file][data-slot="${slot?.slot}"]`)?.click();
  };
  return (
    <Typography.Text type="secondary">
      {text.before}
      {editable && slot ? <Typography.Link href={`#${slot.slot}`} onClick={choose}>
          {text.link}
        </Typography.Link> : text.link}
      {text.after}
    </Typography.Text>
  );
}

/** 说明 spans its slots' rows: the first row carries the cell, the others none. */
function explanationSpan(explanations: Explanation[], slot: string): { explanation?: Explanation; rowSpan: number } {
  const explanation = explanations.find((e) => e.slots.includes(slot));
  if (!explanation) return { rowSpan: 1 };
  return explanation.slots[0] === slot ? { explanation, rowSpan: explanation.slots.length } : { rowSpan: 0 };
}

/** 文件类型 | 样表展示 | 上传 | 预览 (| 说明): one row per file the subject uploads (4.1.4, 4.2.3, 4.3.3). */
export function MaterialsTable({ subject, slots, editable, busy, problems, onFile }: MaterialsTableProps) {
  const { t, lang } = useI18n();
  const explanations = SUBJECT_TEXTS[subject].explanations;
  const columnCount = explanations.length > 0 ? 5 : 4;
  // The intro row is one cell across the table; the other columns give it no cell.
  const intro = (first: boolean) => (row: Row) => (row.kind === 'intro' ? { colSpan: first ? columnCount : 0 } : {});

  const columns: TableColumnsType<Row> = [
    {
      key: 'type',
      title: t('文件类型', 'File'),
      width: 200,
      onCell: intro(true),
      render: (_, row) => (row.kind === 'intro' ? <OtherMaterialsIntro slot={slots.find((s) => !s.required)} editable={editable} /> : row.slot.label[lang]),
    },
    {
      key: 'sample',
      title: t('样表展示', 'Sample'),
      width: 100,
      align: 'center',
      onCell: intro(false),
      render: (_, row) =>
        row.kind === 'slot' && row.slot.sample ? (
          <ImageButton text={t('样式', 'Sample')} title={t(`${row.slot.label.zh}样式`, `${row.slot.label.en}: sample`)} src={`/samples/${row.slot.sample}`} alt={t(`${row.slot.label.zh}样例`, `${row.slot.label.en} sample`)} />
        ) : (
          '/'
        ),
    },
    {
      key: 'upload',
      title: t('上传', 'Upload'),
      width: 220,
      onCell: intro(false),
      render: (_, row) => {
        if (row.kind === 'intro') return null;
        const problem = problems[row.slot.slot];
        return (
          <>
            {editable ? <UploadControl slot={row.slot.slot} label={row.slot.label} busy={busy.has(row.slot.slot)} onFile={(file) => onFile(row.slot.slot, file)} /> : '—'}
            {problem && (
              <Typography.Text type="danger" role="alert" className="materials-problem">
                {problem[lang]}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      key: 'preview',
      title: t('预览', 'Preview'),
      width: 120,
      align: 'center',
      onCell: intro(false),
      render: (_, row) => {
        if (row.kind === 'intro') return null;
        const { slot, label, file } = row.slot;
        if (!file) return <Typography.Text type="secondary">{NOT_UPLOADED[lang]}</Typography.Text>;
        return <ImageButton text={t('预览', 'Preview')} title={label[lang]} src={materialFileUrl(subject, slot, file)} alt={label[lang]} />;
      },
    },
  ];
  if (explanations.length > 0) {
    columns.push({
      key: 'explanation',
      title: t('说明', 'Notes'),
      onCell: (row) => (row.kind === 'intro' ? { colSpan: 0 } : { rowSpan: explanationSpan(explanations, row.slot.slot).rowSpan }),
      render: (_, row) => {
        const explanation = row.kind === 'slot' ? explanationSpan(explanations, row.slot.slot).explanation : undefined;
        return explanation && (
          <div className="materials-explanation">
            {explanation.lines.map((line) => (
              <div key={line.zh}>{line[lang]}</div>
            ))}
          </div>
        );
      },
    });
  }

  return (
    <ResponsiveTable<Row>
      className="materials-table"
      bordered
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rowsOf(slots)}
      // The row's slot, current upload and progress, for tests and styles (an upload is done when its id changes).
      onRow={(row) =>
        row.kind === 'slot' ? ({ 'data-slot': row.slot.slot, 'data-upload-id': row.slot.file?.uploadId ?? '', 'aria-busy': busy.has(row.slot.slot) } as HTMLAttributes<HTMLElement>) : {}
      }
    />
  );
}
