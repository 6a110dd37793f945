/**
 * 上传自然人信息 / 上传法人信息 / 上传主代办人信息 (foreigner quickstart 4.1.4, 4.2.3, 4.3.3):
 * 返回 and 提交, the 注意 list, one row per file with its sample, upload and preview, and the
 * 实名认证状态 at the top right. Once submitted, under review or verified, the page only shows
 * what was uploaded (the server's `editable`).
 */
import { Alert, Button, Flex, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import { MESSAGES } from '../../../src/platform/messages.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { ApiError } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { SectionFrame } from '../profile/SectionFrame.tsx';
import '../profile/profile.css';
import { submitMaterials, useMaterials, type SlotView } from './materials-api.ts';
import { MaterialsTable } from './MaterialsTable.tsx';
import { isVerificationSubject, myInfoPath } from './paths.ts';
import { SUBJECT_TEXTS, SUBMITTED_NOTICE, submitWithoutRefused, viewOnlyReason } from './texts.ts';
import { useUploads } from './useUploads.ts';
import './materials.css';
import { PageHeading, usePageTitle } from '../layout/PageHeading.tsx';

const MISSING_FILE = { zh: '请上传该文件', en: 'Please upload this file' };

export function MaterialsUploadPage() {
  const { t } = useI18n();
  const { subject } = useParams();
  return (
    <OnlineLayout>
      {isVerificationSubject(subject) ? (
        <MaterialsPage key={subject} subject={subject} />
      ) : (
        <>
          <PageHeading zh="材料上传" en="Upload materials" />
          <Alert type="error" showIcon title={t(MESSAGES.NOT_FOUND.zh, MESSAGES.NOT_FOUND.en)} />
        </>
      )}
    </OnlineLayout>
  );
}

function MaterialsPage({ subject }: { subject: VerificationSubject }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const texts = SUBJECT_TEXTS[subject];
  const { view, error, reload, replaceFile } = useMaterials(subject);
  const uploads = useUploads(subject, { holds: (slot) => Boolean(view?.slots.find((s) => s.slot === slot)?.file), setFile: replaceFile, reload });
  const submission = useSubmission(subject, reload, (slots) => uploads.markMissing(slots, MISSING_FILE));
  // 提交 sends what the rows show; a 其他材料 row whose upload was refused goes without, once confirmed.
  const submit = () => view && submission.submit(view.slots, view.slots.filter((s) => !s.required && !s.file && uploads.problems[s.slot]));

  const canSubmit = view?.editable === true && uploads.busy.size === 0;
  // The section's heading is the page's one h1.
  usePageTitle(texts.title.zh, texts.title.en);
  return (
    <SectionFrame title={texts.title} missing={[]} status={view?.verification ?? undefined} level={1}>
      {submission.modalHolder}
      <Flex gap={8} wrap className="profile-toolbar">
        <Button onClick={() => navigate(myInfoPath(subject))} autoInsertSpace={false}>
          {t('返回', 'Back')}
        </Button>
        <Button type="primary" onClick={submit} loading={submission.submitting} disabled={!canSubmit} autoInsertSpace={false}>
          {t('提交', 'Submit')}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={t(error.message, error.messageEn)} />}
      {!view && !error && <Spin />}
      {view && (
        <>
          <Alert
            type="info"
            className="materials-notices"
            title={t('注意', 'Please note')}
            description={
              <ol>
                {texts.notices.map((notice) => (
                  <li key={notice.zh}>{notice[lang]}</li>
                ))}
              </ol>
            }
          />
          {!view.editable && <Alert type="warning" showIcon className="materials-state" title={viewOnlyReason(view.verification)[lang]} />}
          {submission.problem && <Alert type="error" showIcon className="materials-state" title={submission.problem[lang]} />}
          <MaterialsTable subject={subject} slots={view.slots} editable={view.editable} busy={uploads.busy} problems={uploads.problems} onFile={uploads.upload} />
        </>
      )}
    </SectionFrame>
  );
}

/**
 * 提交: the files the rows show (the server refuses if they are not the current ones); on
 * success the seed's confirmation and the page turns read-only; a missing file is marked on its
 * row. Optional rows whose upload was refused are named first, and go only once confirmed.
 */
function useSubmission(subject: VerificationSubject, reload: () => Promise<void>, onMissing: (slots: string[]) => void) {
  const { t } = useI18n();
  const [modal, modalHolder] = Modal.useModal();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<FieldLabel | null>(null);

  const send = async (slots: SlotView[]) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await submitMaterials(subject, slots);
      await reload();
      void modal.success({
        title: t('提示', 'Notice'),
        content: t(SUBMITTED_NOTICE.zh, SUBMITTED_NOTICE.en),
        okText: t('确定', 'OK'),
        okButtonProps: { autoInsertSpace: false },
      });
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(0, {});
      setProblem({ zh: failure.message, en: failure.messageEn });
      if (failure.code === 'MATERIALS_INCOMPLETE') onMissing(failure.fields.map((f) => f.field));
      if (failure.code === 'MATERIALS_LOCKED' || failure.code === 'MATERIALS_CHANGED') await reload();
    } finally {
      setSubmitting(false);
    }
  };

  const submit = (slots: SlotView[], refusedOptional: SlotView[]) => {
    if (refusedOptional.length === 0) return void send(slots);
    const question = submitWithoutRefused(refusedOptional.map((s) => s.label));
    void modal.confirm({
      title: t('提示', 'Notice'),
      content: t(question.zh, question.en),
      okText: t('确定提交', 'Submit'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { autoInsertSpace: false },
      cancelButtonProps: { autoInsertSpace: false },
      onOk: () => send(slots),
    });
  };
  return { submit, submitting, problem, modalHolder };
}
