// qrcode-terminal ships no types; this is the part the daemon uses.
declare module 'qrcode-terminal' {
  interface QrcodeTerminal {
    generate(text: string, options: { small: boolean }, callback: (qr: string) => void): void;
  }
  const qrcode: QrcodeTerminal;
  export default qrcode;
}
