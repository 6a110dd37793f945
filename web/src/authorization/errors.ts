/** A refusal as the page shows it: the server's message in the page's language. */
import { ApiError } from '../lib/api.ts';

export function errorMessage(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return lang === 'zh' ? error.message : error.messageEn;
  return lang === 'zh' ? '系统繁忙，请稍后再试。' : 'The system is busy. Please try again later.';
}
