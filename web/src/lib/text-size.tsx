/**
 * 大字版 (适老化, issue 23.5): a larger-text mode for the whole page, remembered in
 * localStorage. The antd theme takes the font size and control height from it (theme.ts), and
 * the root element gets the class `text-large` for the frame's own CSS (a11y.css).
 */
import { Button } from 'antd';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useI18n } from './i18n.tsx';

const STORAGE_KEY = 'textSize';
export const LARGE_TEXT_CLASS = 'text-large';

interface TextSize {
  large: boolean;
  setLarge(large: boolean): void;
}

const TextSizeContext = createContext<TextSize>({ large: false, setLarge: () => {} });

function applyToRoot(large: boolean) {
  document.documentElement.classList.toggle(LARGE_TEXT_CLASS, large);
}

export function TextSizeProvider({ children }: { children: ReactNode }) {
  const [large, setLargeState] = useState(() => {
    const stored = localStorage.getItem(STORAGE_KEY) === 'large';
    applyToRoot(stored);
    return stored;
  });
  const setLarge = (next: boolean) => {
    if (next) localStorage.setItem(STORAGE_KEY, 'large');
    else localStorage.removeItem(STORAGE_KEY);
    applyToRoot(next);
    setLargeState(next);
  };
  return <TextSizeContext.Provider value={{ large, setLarge }}>{children}</TextSizeContext.Provider>;
}

export const useTextSize = () => useContext(TextSizeContext);

/** The header's toggle: one tab stop, its state told by aria-pressed. */
export function TextSizeToggle({ className }: { className?: string }) {
  const { t } = useI18n();
  const { large, setLarge } = useTextSize();
  return (
    <Button className={className} size="small" autoInsertSpace={false} aria-pressed={large} onClick={() => setLarge(!large)}>
      {t('大字版', 'Larger text')}
    </Button>
  );
}
