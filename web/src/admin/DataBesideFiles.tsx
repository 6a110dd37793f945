/**
 * Submitted data (left) beside the uploaded images (right), for the reviewer to compare: each
 * image captioned by its slot, in the order of the upload form (front before back) whatever
 * order it was uploaded in, opened large on click (ScanViewer: zoom, rotate, two sides side by
 * side). Files are readable only while the record is open.
 */
import { Button, Card, Col, Descriptions, Row, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { ReviewFile } from './admin-api.ts';
import { ScanViewer } from './ScanViewer.tsx';

export type DataItem = { key: string; label: string; children: ReactNode };

/** The submitted information as a bordered label/value table. */
export function DataCard({ title, items }: { title: string; items: DataItem[] }) {
  return (
    <Card type="inner" title={title} style={{ marginBottom: 16 }}>
      <Descriptions bordered size="small" column={1} items={items} />
    </Card>
  );
}

interface Props {
  files: ReviewFile[];
  /** Slots in the upload form's order. */
  slotOrder: readonly string[];
  open: boolean;
  fileUrl(uploadId: string): string;
  children: ReactNode;
}

export function DataBesideFiles({ files, slotOrder, open, fileUrl, children }: Props) {
  const { t, lang } = useI18n();
  const sorted = [...files].sort((a, b) => slotOrder.indexOf(a.slot) - slotOrder.indexOf(b.slot));
  const [viewing, setViewing] = useState<{ index: number | undefined; sideBySide: boolean }>({ index: undefined, sideBySide: false });
  const view = (index: number | undefined, sideBySide: boolean) => setViewing({ index, sideBySide });
  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        {children}
      </Col>
      <Col xs={24} lg={14}>
        <Card
          type="inner"
          title={t('上传的材料', 'Uploaded materials')}
          extra={open && sorted.length > 1 && <Button onClick={() => view(0, true)}>{t('两面并排查看', 'Both sides side by side')}</Button>}
        >
          {open ? (
            <>
              <div className="admin-files">
                {sorted.map((file, index) => (
                  <figure key={file.uploadId} className="admin-file">
                    <img src={fileUrl(file.uploadId)} alt={file.label[lang]} width={240} height={160} onClick={() => view(index, false)} />
                    <figcaption>{file.label[lang]}</figcaption>
                    <Button type="link" size="small" aria-label={`${t('查看大图', 'View large')}：${file.label[lang]}`} onClick={() => view(index, false)}>
                      {t('查看大图', 'View large')}
                    </Button>
                  </figure>
                ))}
              </div>
              <ScanViewer files={sorted} index={viewing.index} sideBySide={viewing.sideBySide} fileUrl={fileUrl} onChange={view} />
            </>
          ) : (
            <Typography.Text type="secondary">
              {t('审核已结束，提交的材料不再可查看。', 'The review is closed; its materials can no longer be viewed.')}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
