// Uploads one file to a Chapar server with tus-js-client, as a third-party tus client would.
// Usage: node upload.mjs <endpoint> <session token> <file> <chunk bytes>
// Prints {"url": "..."} on success; exits 1 with the error on stderr otherwise.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tus from 'tus-js-client';

const [endpoint, token, file, chunk] = process.argv.slice(2);
const data = readFileSync(file);
const upload = new tus.Upload(data, {
  endpoint,
  chunkSize: Number(chunk),
  retryDelays: [0, 200, 500],
  headers: { Authorization: `Bearer ${token}` },
  metadata: { filename: basename(file), filetype: 'application/octet-stream' },
  onError: (e) => {
    console.error(String(e));
    process.exit(1);
  },
  onSuccess: () => {
    console.log(JSON.stringify({ url: upload.url }));
  },
});
upload.start();
