/**
 * UUIDv7 made on the device (ARCHITECTURE.md decision 6): 48 bits of Unix milliseconds,
 * then random bits, so ids made offline on two phones never collide and sort by time.
 * Kept here (RFC 9562 §5.7) rather than as a dependency of the web package.
 */
let lastMs = 0;
let counter = 0;

export function uuidv7(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  // Monotonic within one millisecond: a 12-bit counter in rand_a (RFC 9562 method 1).
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
