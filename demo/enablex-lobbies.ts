// The local demo's EnableX lobbies: what a seller would set up in the console (or in EnableX) so
// that a booked customer's waiting room has something to show. Set through the real client and
// the simulator's lobby API (multipart uploads), after the simulator starts and after each reset.
import { EnablexClient } from '../worker/src/enablex/client';
import { UPCOMING_MEETING_IDS } from './enablex-simulator/seed';

/** A product picture drawn in SVG (the demo is offline: no photo can be fetched). */
function picture(title: string, body: string, hue: number): Blob {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 70% 92%)"/><stop offset="1" stop-color="hsl(${hue} 60% 78%)"/></linearGradient></defs>
  <rect width="640" height="360" fill="url(#g)"/>
  ${body}
  <text x="320" y="330" font-family="system-ui, sans-serif" font-size="22" text-anchor="middle" fill="hsl(${hue} 40% 25%)">${title}</text>
</svg>`;
  return new Blob([svg], { type: 'image/svg+xml' });
}

const PHONE = '<rect x="260" y="40" width="120" height="240" rx="22" fill="#1f2328"/><rect x="270" y="56" width="100" height="208" rx="12" fill="#a5b4fc"/><circle cx="320" cy="48" r="4" fill="#59636e"/>';
const CAMERA = '<rect x="230" y="70" width="180" height="180" rx="40" fill="#1f2328"/><circle cx="285" cy="125" r="30" fill="#33363f" stroke="#a7adba" stroke-width="6"/><circle cx="355" cy="125" r="30" fill="#33363f" stroke="#a7adba" stroke-width="6"/><circle cx="285" cy="195" r="30" fill="#33363f" stroke="#a7adba" stroke-width="6"/>';

/** A second of silence as WAV: something for the audio player to hold. */
function silence(): Blob {
  const rate = 8000;
  const data = new Uint8Array(rate).fill(128);
  const header = new DataView(new ArrayBuffer(44));
  const text = (offset: number, s: string) => [...s].forEach((ch, i) => header.setUint8(offset + i, ch.charCodeAt(0)));
  text(0, 'RIFF');
  header.setUint32(4, 36 + data.length, true);
  text(8, 'WAVEfmt ');
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, 1, true);
  header.setUint32(24, rate, true);
  header.setUint32(28, rate, true);
  header.setUint16(32, 1, true);
  header.setUint16(34, 8, true);
  text(36, 'data');
  header.setUint32(40, data.length, true);
  return new Blob([header.buffer, data], { type: 'audio/wav' });
}

/** Messages and music for the Macbook demo, pictures for the iPhone demo. */
export async function seedDemoLobbies(options: { baseUrl: string; appId: string; appKey: string }): Promise<void> {
  const client = new EnablexClient(options);
  const [macbook, iphone] = UPCOMING_MEETING_IDS;
  await client.addLobby(macbook, {
    options: { message: true, audio: true },
    message: [
      { text: 'Welcome! Your Macbook demo starts soon.' },
      { text: 'Have your questions ready: our expert answers them live.' },
      { text: 'Tip: join from a laptop to see the screen up close.' },
    ],
    audio: [{ file: silence(), filename: 'lobby-music.wav' }],
  });
  await client.addLobby(iphone, {
    options: { image: true },
    image: [
      { file: picture('Three colours, one titanium frame', PHONE, 230), filename: 'iphone.svg', caption: 'The new iPhone in blue titanium' },
      { file: picture('48 MP main camera', CAMERA, 30), filename: 'camera.svg', caption: 'We will try the camera live' },
    ],
  });
}
