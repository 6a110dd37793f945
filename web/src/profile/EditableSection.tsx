import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { uploadPath } from '../materials/paths.ts';
import { SUBJECT_TEXTS } from '../materials/texts.ts';
import type { FieldLabel } from './fields.ts';
import { useProfileApi, type RecordSection, type SaveResult, type VerificationView } from './profile-api.ts';
import { outcomeDialog } from './SaveOutcomeDialog.tsx';
import { SectionFrame } from './SectionFrame.tsx';
import { UpdateRecordsButton } from './UpdateRecords.tsx';
import { SectionStatusContext } from './verification.ts';

/** What a section's edit form is given: called after a successful save (with its answer), or to leave edit mode. */
export interface EditHandlers {
  onSaved: (result?: SaveResult) => Promise<void>;
  onCancel(): void;
}

export interface EditableSectionProps {
  title: FieldLabel;
  note?: FieldLabel;
  missing: string[];
  /** The tab's 实名认证状态, once its subject has one. */
  status?: VerificationView;
  /** 修改个人信息, 修改法人信息 …: the button that opens edit mode. */
  editLabel: FieldLabel;
  /** The subject whose materials 上传…信息 beside it uploads for manual review. */
  uploadSubject?: VerificationSubject;
  /** The sections whose 信息更新记录 the view mode lists. */
  recordSections: RecordSection[];
  reload: () => Promise<void>;
  view: ReactNode;
  renderForm: (handlers: EditHandlers) => ReactNode;
}

/** One tab of 我的信息 in view mode (its table) or edit mode (its form), switching after a save or 取消. */
export function EditableSection({ title, note, missing, status, editLabel, uploadSubject, recordSections, reload, view, renderForm }: EditableSectionProps) {
  const mode = useEditMode(reload, uploadSubject);
  return (
    <SectionFrame title={title} note={note} missing={missing} status={status}>
      {mode.messageHolder}
      {mode.modalHolder}
      {mode.editing ? (
        <SectionStatusContext value={status}>{renderForm({ onSaved: mode.saved, onCancel: mode.cancel })}</SectionStatusContext>
      ) : (
        <>
          <ViewToolbar editLabel={editLabel} uploadSubject={uploadSubject} onEdit={mode.edit} recordSections={recordSections} />
          {view}
        </>
      )}
    </SectionFrame>
  );
}

/**
 * View or edit mode of one tab; the save is announced here because the form is gone by then:
 * a section with a verification subject answers with the seed's dialog (quickstart 4.1.2:
 * 实名认证失败，验证失败，请检查输入信息。自然人用户修改个人信息成功。) and the next step,
 * 法人单位其他信息 with 保存成功. Either way the save itself stands.
 */
function useEditMode(reload: () => Promise<void>, uploadSubject?: VerificationSubject) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { uploads } = useProfileApi();
  const [editing, setEditing] = useState(false);
  const [messageApi, messageHolder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();
  return {
    editing,
    messageHolder,
    modalHolder,
    edit: () => setEditing(true),
    cancel: () => setEditing(false),
    saved: async (result?: SaveResult) => {
      await reload();
      setEditing(false);
      if (!result?.outcome) {
        void messageApi.success(t('保存成功', 'Saved'));
        return;
      }
      const { type, ...dialog } = outcomeDialog({
        outcome: result.outcome,
        lang,
        ...(uploads && uploadSubject ? { uploadSubject } : {}),
        go: (path) => {
          instance.destroy();
          navigate(path);
        },
      });
      const instance = modal[type](dialog);
    },
  };
}

/** View mode's buttons: 修改…信息 and 上传…信息 at the left, 信息更新记录 at the right. */
function ViewToolbar({ editLabel, uploadSubject, onEdit, recordSections }: { editLabel: FieldLabel; uploadSubject?: VerificationSubject; onEdit(): void; recordSections: RecordSection[] }) {
  const { lang } = useI18n();
  const navigate = useNavigate();
  // Materials for manual review are uploaded by the account itself, not by someone it authorised.
  const { uploads } = useProfileApi();
  return (
    <Flex justify="space-between" wrap gap={8} className="profile-toolbar">
      <Flex gap={8} wrap>
        <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={onEdit}>
          {editLabel[lang]}
        </Button>
        {uploadSubject && uploads && (
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => navigate(uploadPath(uploadSubject))}>
            {SUBJECT_TEXTS[uploadSubject].button[lang]}
          </Button>
        )}
      </Flex>
      <UpdateRecordsButton sections={recordSections} />
    </Flex>
  );
}
