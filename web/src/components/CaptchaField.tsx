import { Button, Flex, Form, Input, Typography, type InputProps } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';

interface Captcha {
  id: string;
  svg: string;
  /** Which request produced it: an image from an older request is never shown. */
  key: string;
}

/** The spoken captcha of one id, played from a blob: URL (asking again would change the answer). */
type Audio = { kind: 'ready'; id: string; url: string; autoPlay: boolean } | { kind: 'loading'; id: string } | { kind: 'failed'; id: string; message: string };

export interface CaptchaFieldProps {
  /**
   * Bump it (e.g. a counter increased after a failed submit) to show a new captcha:
   * the server spends a captcha on every attempt, right or wrong.
   */
  refreshSignal?: number;
  /** Field of the typed answer; the captcha id goes into `idName` (a hidden field). */
  name?: string;
  idName?: string;
  label?: { zh: string; en: string };
}

/** The answer box and what sits beside it; Form.Item's id and aria-* props reach the input itself. */
function CaptchaInput({ beside, below, ...input }: InputProps & { beside: ReactNode; below: ReactNode }) {
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align="center">
        <Input {...input} style={{ flex: 1, minWidth: 0 }} />
        {beside}
      </Flex>
      {below}
    </Flex>
  );
}

/** POST /api/captcha/:id/audio: the WAV, or the server's message for a refusal. */
async function fetchAudio(id: string, lang: 'zh' | 'en'): Promise<{ blob: Blob } | { message: string }> {
  const csrf = () => document.cookie.split('; ').find((c) => c.startsWith('csrf_token='))?.slice('csrf_token='.length);
  try {
    if (!csrf()) await api('GET', '/api/csrf');
    const response = await fetch(`/api/captcha/${encodeURIComponent(id)}/audio`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf() ?? '' } });
    if (response.ok) return { blob: await response.blob() };
    const body = (await response.json().catch(() => ({}))) as { message?: string; messageEn?: string };
    const message = lang === 'zh' ? body.message : body.messageEn;
    if (message) return { message };
  } catch {
    /* the network: the general message below */
  }
  return { message: lang === 'zh' ? '语音验证码暂时无法使用，请稍后再试' : 'The audio verification code is unavailable. Please try again later' };
}

/**
 * 验证码: the answer input, the image (click it to get another), 换一张, and 听语音验证码, the
 * spoken alternative for people who cannot see the image: the server speaks digits that
 * replace the image's answer under the same id, played here by an <audio> with controls, and
 * typed into the same box. The image (or, once spoken, the audio) carries `data-captcha-id`
 * so that browser tests can read its answer in development.
 */
export function CaptchaField({ refreshSignal = 0, name = 'captcha', idName = 'captchaId', label }: CaptchaFieldProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const [clicks, setClicks] = useState(0);
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [failed, setFailed] = useState(false);
  /** Once someone has asked to listen, every new captcha is spoken too (no image is shown). */
  const [listening, setListening] = useState(false);
  const [audio, setAudio] = useState<Audio | null>(null);
  const player = useRef<HTMLAudioElement>(null);
  /** The next captcha's audio plays at once: 换一张 was pressed while listening. */
  const playNext = useRef(false);
  const key = `${refreshSignal}:${clicks}`;

  useEffect(() => {
    let current = true;
    setFailed(false);
    form.setFieldValue(name, '');
    form.setFieldValue(idName, undefined);
    api<{ id: string; svg: string }>('GET', '/api/captcha').then(
      (created) => {
        if (!current) return;
        setCaptcha({ ...created, key });
        form.setFieldValue(idName, created.id);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [key, form, name, idName]);

  const shown = captcha && captcha.key === key ? captcha : null;

  /** Only the latest request's audio is kept: an earlier one's digits were replaced on the server. */
  const latest = useRef(0);
  const speak = useCallback(
    async (id: string, autoPlay: boolean) => {
      const request = ++latest.current;
      setAudio({ kind: 'loading', id });
      const result = await fetchAudio(id, lang);
      if (request !== latest.current) return;
      setAudio('blob' in result ? { kind: 'ready', id, url: URL.createObjectURL(result.blob), autoPlay } : { kind: 'failed', id, message: result.message });
    },
    [lang],
  );

  // While listening, each new captcha (换一张, or after a failed submit) is spoken as well.
  useEffect(() => {
    if (!listening || !shown || audio?.id === shown.id) return;
    void speak(shown.id, playNext.current);
    playNext.current = false;
  }, [listening, shown, audio?.id, speak]);

  // The blob of an earlier audio is let go.
  const url = audio?.kind === 'ready' ? audio.url : undefined;
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);

  // Played at once when asked for (a keyboard or click on 听语音验证码 is the user's gesture).
  useEffect(() => {
    if (audio?.kind === 'ready' && audio.autoPlay) player.current?.play().catch(() => {});
  }, [audio]);

  const refresh = () => {
    playNext.current = listening;
    setClicks((n) => n + 1);
  };
  /** Speaks the current captcha (again: new digits), or the next one once it has loaded. */
  const listen = () => {
    setListening(true);
    if (shown) void speak(shown.id, true);
    else playNext.current = true;
  };
  const showImage = () => {
    // The spoken answer replaced the image's: a new image is needed.
    setListening(false);
    latest.current++;
    setAudio(null);
    playNext.current = false;
    setClicks((n) => n + 1);
  };

  // The same buttons in both modes, so that focus stays on the one pressed.
  const actions = (
    <Flex gap={16} wrap className="captcha-actions">
      <Button type="link" onClick={refresh} style={{ paddingInline: 0 }}>
        {t('换一张', 'Another one')}
      </Button>
      <Button type="link" onClick={listen} style={{ paddingInline: 0 }}>
        {t('听语音验证码', 'Play audio captcha')}
      </Button>
      {listening && (
        <Button type="link" onClick={showImage} style={{ paddingInline: 0 }}>
          {t('改用图片验证码', 'Use the image instead')}
        </Button>
      )}
    </Flex>
  );

  const audioShown = listening && audio && shown && audio.id === shown.id ? audio : null;
  const image = (
    <button type="button" className="captcha-image" onClick={refresh} title={t('看不清？点击换一张', 'Click for another image')}>
      {shown ? (
        <img
          data-captcha-id={shown.id}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.svg)}`}
          alt={t('验证码图片', 'Verification code image')}
          width={120}
          height={40}
        />
      ) : (
        <Typography.Text type={failed ? 'danger' : 'secondary'}>
          {failed ? t('加载失败，点击重试', 'Failed, click to retry') : t('加载中…', 'Loading…')}
        </Typography.Text>
      )}
    </button>
  );

  const spoken = listening ? (
    <div className="captcha-audio">
      {audioShown?.kind === 'ready' ? (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('请输入听到的6位数字', 'Type the 6 digits you hear')}</Typography.Text>
          <audio
            ref={player}
            controls
            src={audioShown.url}
            data-captcha-id={audioShown.id}
            aria-label={t('语音验证码', 'Audio verification code')}
            style={{ width: '100%', maxWidth: 320 }}
          />
        </Flex>
      ) : audioShown?.kind === 'failed' ? (
        <Typography.Text type="danger" role="alert">
          {audioShown.message}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" role="status">
          {t('正在生成语音验证码…', 'Preparing the audio code…')}
        </Typography.Text>
      )}
    </div>
  ) : undefined;

  return (
    <>
      <Form.Item name={idName} hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name={name}
        label={label ? t(label.zh, label.en) : t('验证码', 'Verification code')}
        rules={[{ required: true, whitespace: true, message: t('请输入验证码', 'Please enter the verification code') }]}
        extra={spoken}
      >
        <CaptchaInput
          autoComplete="off"
          maxLength={10}
          inputMode={listening ? 'numeric' : undefined}
          placeholder={t('请输入验证码', 'Enter the code')}
          // The image stays while no audio can be had (its answer is then still the valid one).
          beside={listening && audioShown?.kind !== 'failed' ? undefined : image}
          below={actions}
        />
      </Form.Item>
    </>
  );
}
