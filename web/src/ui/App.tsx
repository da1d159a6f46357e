import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import { t } from "../i18n";
import { Auth } from "./Auth";
import { Chat } from "./Chat";
import { ChatInfoPage } from "./ChatInfo";
import { ChatList } from "./ChatList";
import { useRoute, useStore } from "./hooks";
import { NewChat } from "./NewChat";
import { Settings } from "./Settings";

export function App({ client, actions }: { client: Client; actions: Actions }) {
  useStore(client);
  const route = useRoute();
  if (!client.signedIn) {
    return (
      <>
        {client.status !== "online" && (
          <p class="offline banner" role="status">
            {client.status === "connecting" ? t("status.connecting") : t("status.offline")}
          </p>
        )}
        <Auth actions={actions} />
      </>
    );
  }
  const [page, arg] = route;
  const active = page === "c" ? (arg ?? "") : "";
  let main;
  if (page === "c" && arg && /^[uc]\d+$/.test(arg)) main = <Chat client={client} actions={actions} chatKey={arg} />;
  else if (page === "info" && arg && /^c\d+$/.test(arg)) main = <ChatInfoPage client={client} actions={actions} chatId={Number(arg.slice(1))} />;
  else if (page === "settings") main = <Settings client={client} actions={actions} />;
  else if (page === "new") main = <NewChat client={client} actions={actions} />;
  else main = <p class="placeholder">{t("chats.pick")}</p>;
  return (
    <div class={page ? "layout has-main" : "layout"}>
      <ChatList client={client} active={active} />
      <main class="main">{main}</main>
    </div>
  );
}
