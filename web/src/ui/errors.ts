import { ChaparError } from "../core/connection";
import { t, type Key } from "../i18n";
import { catalogs } from "../i18n";

/** A server error in the UI's language when the catalog has its code, else the server's text. */
export function errorText(e: unknown): string {
  if (e instanceof ChaparError) {
    const key = `error.${e.code}`;
    if (key in catalogs.en) return t(key as Key);
    return t("error.generic", { code: e.code });
  }
  return t("error.generic", { code: String((e as Error)?.message ?? e) });
}
