import { Button, Modal } from 'antd';
import { useState } from 'react';

/**
 * A link-style button (样式, 预览) opening a dialog with one image: a sample, or the
 * owner's uploaded file. The image loads only once the dialog opens; the dialog's own × (关闭) closes it.
 */
export function ImageButton({ text, title, src, alt }: { text: string; title: string; src: string; alt: string }) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button type="link" size="small" className="materials-link" onClick={() => setOpen(true)} autoInsertSpace={false}>
        {text}
      </Button>
      <Modal open={open} title={title} onCancel={close} destroyOnHidden width={640} footer={null}>
        <img className="materials-image" src={src} alt={alt} />
      </Modal>
    </>
  );
}
