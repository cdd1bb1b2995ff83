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

function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}

/** A civil date (`1980-05-01`, no time zone) as "1 Mei 1980" / "May 1, 1980". */
export function useFormatDate(): (isoDate: string) => string {
  const lang = useLang();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    return (isoDate: string) => {
      const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? isoDate : format.format(date);
    };
  }, [lang]);
}

/** A moment (`2026-11-23T06:10:00Z`) in the device's time zone, short. */
export function useFormatDateTime(): (iso: string) => string {
  const lang = useLang();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [lang]);
}
