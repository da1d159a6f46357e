import { render } from "preact";
import { Actions } from "./core/actions";
import { Client } from "./core/client";
import { persist } from "./core/persist";
import { initialLocale, setLocale } from "./i18n";
import { App } from "./ui/App";
import "./style.css";

setLocale(initialLocale(persist.prefs().locale));
const scheme = location.protocol === "https:" ? "wss:" : "ws:";
const client = new Client(`${scheme}//${location.host}/ws`);
const actions = new Actions(client);
client.start();
addEventListener("online", () => client.conn.kick());
addEventListener("pagehide", () => client.save());
// another tab logged out (or in as someone else): follow it
addEventListener("storage", (e: StorageEvent) => {
  if (e.key === persist.SESSION && !e.newValue && client.signedIn) {
    client.signedOut();
    client.conn.stop();
    client.conn.start();
  }
});
render(<App client={client} actions={actions} />, document.getElementById("app")!);
(window as unknown as { chapar: unknown }).chapar = { client };
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
