import { formatDayEn, formatDayId, formatRupiah } from '../shared/format.js';

export type Lang = 'id' | 'en';

/**
 * Interface text. Bahasa Indonesia is the default; every key has an English counterpart. Screens add
 * their own keys in their folders with `defineMessages` so one file never becomes everyone's.
 */
const base = {
  'app.name': { id: 'Bekal Kerja', en: 'Bekal Kerja' },
  'nav.skip': { id: 'Langsung ke isi', en: 'Skip to content' },
  'nav.home': { id: 'Beranda', en: 'Home' },
  'nav.logout': { id: 'Keluar', en: 'Sign out' },
  'nav.login': { id: 'Masuk', en: 'Sign in' },
  'nav.language': { id: 'English', en: 'Bahasa Indonesia' },
  'nav.menu': { id: 'Menu utama', en: 'Main menu' },
  'form.required': { id: 'wajib', en: 'required' },
  'form.save': { id: 'Simpan', en: 'Save' },
  'form.cancel': { id: 'Batal', en: 'Cancel' },
  'form.continue': { id: 'Lanjut', en: 'Continue' },
  'form.back': { id: 'Kembali', en: 'Back' },
  'form.errors': { id: 'Ada yang perlu diperbaiki', en: 'There is a problem' },
  'form.apply': { id: 'Terapkan', en: 'Apply' },
  'form.clear': { id: 'Hapus semua filter', en: 'Clear all filters' },
  'list.count': { id: '{n} hasil', en: '{n} results' },
  'list.empty': { id: 'Tidak ada data.', en: 'Nothing here.' },
  'list.prev': { id: 'Sebelumnya', en: 'Previous' },
  'list.next': { id: 'Berikutnya', en: 'Next' },
  'list.page': { id: 'Halaman {page} dari {pages}', en: 'Page {page} of {pages}' },
  'list.pagination': { id: 'Halaman', en: 'Pages' },
  'list.sort': { id: 'Urutkan', en: 'Sort' },
  'error.notFound': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  'error.forbidden': { id: 'Anda tidak berhak membuka halaman ini', en: 'You may not open this page' },
  'error.server': {
    id: 'Terjadi kesalahan. Coba lagi sebentar lagi.',
    en: 'Something went wrong. Please try again shortly.',
  },
  'error.csrf': {
    id: 'Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    en: 'The form expired. Reload the page and try again.',
  },
  'login.title': { id: 'Masuk ke Bekal Kerja', en: 'Sign in to Bekal Kerja' },
  'login.email': { id: 'Email', en: 'Email' },
  'login.password': { id: 'Kata sandi', en: 'Password' },
  'login.submit': { id: 'Masuk', en: 'Sign in' },
  'login.forgot': { id: 'Lupa kata sandi?', en: 'Forgot your password?' },
  'login.failed': { id: 'Email atau kata sandi salah', en: 'Wrong email or password' },
} as const satisfies Record<string, Record<Lang, string>>;

type Messages = Record<string, Record<Lang, string>>;
const registry: Messages = { ...base };

/** Adds a screen's messages to the dictionary (keys must be unique). */
export function defineMessages<M extends Messages>(messages: M): M {
  for (const [key, value] of Object.entries(messages)) {
    if (registry[key] && registry[key] !== value) throw new Error(`duplicate message key ${key}`);
    registry[key] = value;
  }
  return messages;
}

export interface I18n {
  lang: Lang;
  t(key: string, params?: Record<string, string | number>): string;
  day(d: string | Date | undefined): string;
  money(n: number): string;
  number(n: number): string;
}

/** Text, dates ("5 Maret 2027") and rupiah ("Rp 3.500.000") for one language. */
export function i18n(lang: Lang): I18n {
  const numberFormat = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB');
  return {
    lang,
    t(key, params) {
      const entry = registry[key];
      let text = entry ? entry[lang] : key;
      for (const [k, v] of Object.entries(params ?? {})) text = text.replaceAll(`{${k}}`, String(v));
      return text;
    },
    day: (d) => (d ? (lang === 'id' ? formatDayId(d) : formatDayEn(d)) : ''),
    money: (n) => formatRupiah(n),
    number: (n) => numberFormat.format(n),
  };
}

export function parseLang(v: unknown): Lang | undefined {
  return v === 'en' || v === 'id' ? v : undefined;
}
