/**
 * Scans opened large (issue 18.3): one scan filling the window, or two side by side (the front
 * beside the back; stacked on a phone), each with its own 放大 / 缩小 / 向左旋转 / 向右旋转 /
 * 还原, so a reviewer can read a small print or a scan uploaded on its side.
 */
import { Button, Modal, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { ReviewFile } from './admin-api.ts';

const ZOOM = { min: 0.5, max: 4, step: 1.25 } as const;

/** One scan with its own zoom and rotation; the box keeps the picture's turned size so scrolling reaches every edge. */
function ScanPane({ file, src }: { file: ReviewFile; src: string }) {
  const { t, lang } = useI18n();
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const caption = file.label[lang];
  const turned = rotation % 180 !== 0;
  const size = (axis: 'cqw' | 'cqh') => `calc(${zoom} * 100${axis})`;
  const reset = () => {
    setZoom(1);
    setRotation(0);
  };
  return (
    <section className="scan-pane" role="group" aria-label={caption}>
      <Space wrap size="small" className="scan-tools">
        <strong>{caption}</strong>
        <Button size="small" disabled={zoom >= ZOOM.max} onClick={() => setZoom((z) => Math.min(ZOOM.max, z * ZOOM.step))}>
          {t('放大', 'Zoom in')}
        </Button>
        <Button size="small" disabled={zoom <= ZOOM.min} onClick={() => setZoom((z) => Math.max(ZOOM.min, z / ZOOM.step))}>
          {t('缩小', 'Zoom out')}
        </Button>
        <Button size="small" onClick={() => setRotation((r) => (r + 270) % 360)}>
          {t('向左旋转', 'Rotate left')}
        </Button>
        <Button size="small" onClick={() => setRotation((r) => (r + 90) % 360)}>
          {t('向右旋转', 'Rotate right')}
        </Button>
        <Button size="small" onClick={reset}>
          {t('还原', 'Reset')}
        </Button>
      </Space>
      <div className="scan-stage">
        <div className="scan-box" style={{ width: size('cqw'), height: size('cqh') }}>
          <img
            src={src}
            alt={caption}
            data-zoom={zoom.toFixed(2)}
            data-rotation={rotation}
            style={{ width: size(turned ? 'cqh' : 'cqw'), height: size(turned ? 'cqw' : 'cqh'), transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}
          />
        </div>
      </div>
    </section>
  );
}

interface Props {
  files: ReviewFile[];
  /** The scan opened, or undefined when the viewer is closed. */
  index: number | undefined;
  sideBySide: boolean;
  fileUrl(uploadId: string): string;
  onChange(index: number | undefined, sideBySide: boolean): void;
}

export function ScanViewer({ files, index, sideBySide, fileUrl, onChange }: Props) {
  const { t } = useI18n();
  if (index === undefined || !files.length) return null;
  const pair = sideBySide && files.length > 1;
  const shown = pair ? [files[index % files.length]!, files[(index + 1) % files.length]!] : [files[index % files.length]!];
  const step = (by: number) => onChange((index + by + files.length) % files.length, sideBySide);
  return (
    <Modal open title={t('查看材料', 'View materials')} width="96vw" style={{ top: 12 }} footer={null} destroyOnHidden onCancel={() => onChange(undefined, sideBySide)}>
      <Space wrap className="scan-viewer-bar">
        {files.length > 1 && (
          <Segmented
            aria-label={t('查看方式', 'View')}
            value={pair ? 'pair' : 'single'}
            onChange={(value) => onChange(index, value === 'pair')}
            options={[
              { label: t('单张查看', 'One scan'), value: 'single' },
              { label: t('两面并排', 'Side by side'), value: 'pair' },
            ]}
          />
        )}
        {files.length > (pair ? 2 : 1) && (
          <>
            <Button onClick={() => step(-1)}>{t('上一张', 'Previous')}</Button>
            <Button onClick={() => step(1)}>{t('下一张', 'Next')}</Button>
          </>
        )}
      </Space>
      <div className={pair ? 'scan-panes scan-panes-pair' : 'scan-panes'}>
        {shown.map((file) => (
          <ScanPane key={file.uploadId} file={file} src={fileUrl(file.uploadId)} />
        ))}
      </div>
    </Modal>
  );
}
