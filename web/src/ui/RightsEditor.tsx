import { useState } from "preact/hooks";
import { t, type Key } from "../i18n";

export const ADMIN_RIGHTS = ["changeInfo", "postMessages", "editMessages", "deleteMessages", "banUsers", "inviteUsers", "pinMessages", "addAdmins", "anonymous"] as const;
export const RESTRICTIONS = ["sendMessages", "sendMedia", "embedLinks", "inviteUsers", "pinMessages", "changeInfo"] as const;

/** Checkboxes for an admin's rights or a member's restrictions, with an end time for the latter. */
export function RightsEditor(props: {
  kind: "admin" | "restrict";
  initial: Record<string, boolean>;
  onSave(flags: Record<string, boolean>, untilHours: number): void;
  onCancel(): void;
}) {
  const names = props.kind === "admin" ? ADMIN_RIGHTS : RESTRICTIONS;
  const [flags, setFlags] = useState<Record<string, boolean>>(() => Object.fromEntries(names.map((n) => [n, !!props.initial[n]])));
  const [hours, setHours] = useState("0");
  return (
    <fieldset class="rights">
      <legend>{props.kind === "admin" ? t("rights.adminTitle") : t("rights.restrictTitle")}</legend>
      {names.map((n) => (
        <label class="check" key={n}>
          <input type="checkbox" checked={flags[n]} onChange={(e) => setFlags({ ...flags, [n]: e.currentTarget.checked })} />
          {t(`${props.kind === "admin" ? "right" : "restrict"}.${n}` as Key)}
        </label>
      ))}
      {props.kind === "restrict" && (
        <label>
          {t("rights.untilHours")}
          <input type="number" min="0" max="8784" value={hours} onInput={(e) => setHours(e.currentTarget.value)} />
        </label>
      )}
      <button type="button" class="primary" onClick={() => props.onSave(flags, Number(hours) || 0)}>
        {t("common.save")}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t("common.cancel")}
      </button>
    </fieldset>
  );
}
