import { UploadOutlined } from '@ant-design/icons';
import { Button, Typography, type ModalFuncProps } from 'antd';
import type { SaveOutcome } from '../../../src/accounts/save-outcome.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import type { Lang } from '../lib/i18n.tsx';
import { uploadPath } from '../materials/paths.ts';
import { SUBJECT_TEXTS } from '../materials/texts.ts';
import { RECOVERY_PATHS } from '../recovery/paths.ts';
import { statusTone } from './verification.ts';

const APPEAL = { zh: '自然人申诉找回密码', en: 'Personal appeal' };

export interface OutcomeDialogOptions {
  outcome: SaveOutcome;
  lang: Lang;
  /** The subject whose upload page 上传…信息 opens; none where uploads are not this account's (授权). */
  uploadSubject?: VerificationSubject;
  /** Closes the dialog and goes to a page of the portal. */
  go(path: string): void;
}

/**
 * The dialog after a save (foreigner quickstart 4.1.2): the result and the seed's success
 * sentence (实名认证失败，验证失败，请检查输入信息。自然人用户修改个人信息成功。), the status, and
 * the way to the next step the reason calls for (自然人申诉找回密码, 上传…信息), then 确定.
 */
export function outcomeDialog({ outcome, lang, uploadSubject, go }: OutcomeDialogOptions): ModalFuncProps & { type: 'success' | 'info' | 'warning' | 'error' } {
  const text = (label: { zh: string; en: string }) => label[lang];
  const next =
    outcome.next === 'appeal' ? (
      <Button type="link" className="save-outcome-next" onClick={() => go(RECOVERY_PATHS['natural-appeal'])}>
        {text(APPEAL)}
      </Button>
    ) : outcome.next === 'upload' && uploadSubject ? (
      <Button type="primary" icon={<UploadOutlined aria-hidden />} className="save-outcome-next" onClick={() => go(uploadPath(uploadSubject))}>
        {text(SUBJECT_TEXTS[uploadSubject].button)}
      </Button>
    ) : null;
  return {
    type: outcome.tone === 'success' ? 'success' : outcome.tone,
    title: text({ zh: '提示', en: 'Notice' }),
    content: (
      <div className="save-outcome">
        {outcome.messages.map((message) => (
          <p key={message.zh}>{text(message)}</p>
        ))}
        {outcome.status && outcome.label && (
          <p className="save-outcome-status">
            {text({ zh: '实名认证状态：', en: 'Real-name verification status: ' })}
            <Typography.Text type={statusTone(outcome.status)} strong>
              {text(outcome.label)}
            </Typography.Text>
          </p>
        )}
        {next}
      </div>
    ),
    okText: text({ zh: '确定', en: 'OK' }),
    okButtonProps: { autoInsertSpace: false },
  };
}
