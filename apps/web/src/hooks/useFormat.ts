import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type Language } from '../i18n';

/** Number formatting for the current UI language: 83.762 (id-ID) or 83,762 (en-US). */
export function useFormatNumber(): (n: number) => string {
  const { i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'id') satisfies Language;
  return useMemo(() => {
    const format = new Intl.NumberFormat(localeOf(lang));
    return (n: number) => format.format(n);
  }, [lang]);
}
