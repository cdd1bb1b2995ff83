import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import id from './id.json';
import en from './en.json';

type Messages = { [key: string]: string | Messages };

/**
 * Each module may ship its own messages as `modules/<name>/messages.<lang>.json`; they are
 * merged over the shared files, so modules never edit one big JSON file together.
 */
const moduleMessages = import.meta.glob<Messages>('../modules/*/messages.*.json', {
  eager: true,
  import: 'default',
});

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] =
      typeof value === 'object' && typeof existing === 'object' ? merge({ ...existing }, value) : value;
  }
  return target;
}

function messagesFor(lang: 'id' | 'en', shared: Messages): Messages {
  const merged = merge({}, shared);
  for (const [path, messages] of Object.entries(moduleMessages)) {
    if (path.endsWith(`/messages.${lang}.json`)) merge(merged, messages);
  }
  return merged;
}

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'pilar.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'id';
  } catch {
    return 'id'; // storage can be blocked (private mode); Bahasa Indonesia is the default
  }
}

/** The current UI language, narrowed to the ones Pilar ships. */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'id';
}

/** Switches the UI language, remembers the choice and updates `<html lang>`. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not remembered, but still switched
  }
  await i18next.changeLanguage(lang);
}

/** The locale used for numbers and dates in a UI language. */
export function localeOf(lang: Language): string {
  return lang === 'id' ? 'id-ID' : 'en-US';
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18next.use(initReactI18next).init({
  resources: {
    id: { translation: messagesFor('id', id) },
    en: { translation: messagesFor('en', en) },
  },
  lng: storedLanguage(),
  fallbackLng: 'id',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

export default i18next;
