import type { Client } from "../core/client";
import type { Msg } from "../core/model";
import { MediaKind } from "../gen/chapar/v1/chapar_pb";
import { t } from "../i18n";

/** A one-line text for a message: its text, or what a service message reports. */
export function preview(c: Client, m: Msg): string {
  if (m.media && !m.action) return `${mediaLabel(m.media.kind)}${m.text ? ": " + m.text : ""}`;
  if (!m.action) return m.text;
  const who = (id: number) => (c.store.users[id]?.displayName ?? "") || (c.store.users[id]?.username ?? "?");
  switch (m.action.type) {
    case 1:
      return t("action.created", { title: m.action.title });
    case 2:
      return t("action.added", { who: who(m.fromId), users: m.action.userIds.map(who).join(", ") });
    case 3:
      return t("action.joined", { who: who(m.action.userIds[0] ?? m.fromId) });
    case 4:
      return t("action.left", { who: who(m.fromId) });
    case 5:
      return t("action.removed", { who: who(m.action.userIds[0] ?? 0) });
    case 6:
      return t("action.title", { title: m.action.title });
    case 7:
      return t("action.pinned");
    case 8:
      return t("action.upgraded");
    default:
      return "";
  }
}

function mediaLabel(kind: number): string {
  switch (kind) {
    case MediaKind.PHOTO:
      return t("media.photo");
    case MediaKind.VIDEO:
      return t("media.video");
    case MediaKind.VOICE:
      return t("media.voice");
    case MediaKind.AUDIO:
      return t("media.audio");
    case MediaKind.STICKER:
      return t("media.sticker");
    default:
      return t("media.file");
  }
}
