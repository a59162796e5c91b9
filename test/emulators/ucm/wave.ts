/** Wave actions (nodes/ucm/spec/wave.ts, Grandstream only): chat history and the account QR code. */
import { need, NEED_APPLY_NO, UcmError, type Handler } from './api';

/** A small valid PNG (54x54 greyscale, QR-like pattern) returned base64 by getSIPAccountQR as `qr_base`. */
export const UCM_QR_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAADYAAAA2CAAAAACpLjUBAAAB4klEQVR42r2WUY4CMQxDff9LewVM4+dpEYiPRVotMzRtYjtO5Z8++jlM9Xk+P94//r3+Xg+95h6mZwLXwuvnbcnrPQ5/xmidorzpNVvYtXp+yQaHsNT1StBJ5nq6r9nDEn4BLX8bdtW0GPoYphCwYLa+SZLAaaj9eJqTpC+y3yXZ4C7eRyT+zBsBWM/nsBbOyskr37u2zi9FwSxYDmHpBehyQidaSXAknlaxoH9Fk4sbZr4gcLeXA9B0RhIPXzZ6xhriUS9UByQGC6omTbvVd5VCFa/NNIkgQU9rTqj758g0GxlFrY0HjJJg8+ZmT4HdUV7aoCSQXl4EVO+F/slv9Bf1Jzp+50IbdJBbZCTV5kW1XepR0ApftUN6Ls6Wmipp8IFZMI0WdZhEq05izgV7vEsiCxMqRTpUGeWssg0XsBAD8UUVzT7M8T5sHCvCGgwmc9iA9Hj07JjTiIkVwoZ9C9y4LKEFEHthbj4O4RTLG8HG5ikKUo8QYKOHIawax6NCfDnPbgxrGHCx/mZ2dx+zEOB2mG+ZU2USHCkdpnbA8F0wbkmqRiNFXfZyGvkZIPRZVePcT4NDlXltjeN73/D6Ayenprcwdp3tvipYfnMx5CDr/rJpr9uFEu7Mmdb3kn+8K/8B0LwsKfWYUH4AAAAASUVORK5CYII=';

export const waveHandlers: Record<string, Handler> = {
	cleanterminalchatinformation(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!emu.state.accounts.has(ext)) throw new UcmError(-16);
		emu.state.chats.set(ext, 0);
		return NEED_APPLY_NO;
	},
	getsipaccountqr(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!emu.state.accounts.has(ext)) throw new UcmError(-16);
		return { qr_base: UCM_QR_PNG_BASE64 };
	},
};
