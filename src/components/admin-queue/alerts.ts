/**
 * The optional attention-getters an admin switches on: a browser notification (asks for
 * permission on the switch press, never on load) and a short tone made with Web Audio
 * (no sound file to fetch, nothing for the CSP to allow).
 */
export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** Ask once; resolves to whether notifications may be shown. */
export async function enableNotifications(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  return (await Notification.requestPermission()) === 'granted';
}

export function notify(title: string, body: string, tag: string): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some platforms allow notifications only from a service worker: the visible alert remains.
  }
}

let audio: AudioContext | undefined;

/** Two short beeps; louder and lower for the last 15 minutes. */
export function beep(urgent: boolean): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const offset of [0, 0.25]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = urgent ? 660 : 880;
      gain.gain.value = urgent ? 0.25 : 0.12;
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.15);
    }
  } catch {
    // No audio device or autoplay refused: the visible alert remains.
  }
}
