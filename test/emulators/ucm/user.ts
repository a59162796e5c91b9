/** User actions (nodes/ucm/spec/user.ts): the admin and one user per extension. */
import { existing, listPage, markChanged, need, opt, str, UcmError, type Handler, type Rec } from './api';

export const userSeed: Rec[] = [
	{ user_id: 0, user_name: 'admin', privilege: 0, department: null, first_name: null, last_name: null, email: null, language: null, fax: null, family_number: null, phone_number: null, login_time: null, ip: null, cookie: null, email_to_user: 'no', enable_multiple_extension: 'no', multiple_extension: null },
];

export function newUser(id: number, name: string, acct: Rec): Rec {
	const [first, ...rest] = str(acct.fullname).split(' ');
	return {
		user_id: id, user_name: name, privilege: 3, department: null, first_name: first || null, last_name: rest.join(' ') || null,
		email: acct.email ?? null, language: 'en', fax: null, family_number: null, phone_number: null, login_time: null, ip: null,
		cookie: null, email_to_user: 'no', enable_multiple_extension: 'no', multiple_extension: null, user_password: `User#${name}pw`,
	};
}


export const userHandlers: Record<string, Handler> = {
	listuser(emu, ctx) {
		const rows = [...emu.state.users.values()].sort((a, b) => Number(a.user_id) - Number(b.user_id)).map((u) => { const r = { ...u }; delete r.user_password; return r; });
		return listPage('user_id', rows, ctx.body);
	},
	getuser(emu, ctx) {
		const [name] = need(ctx.body, 'user_name');
		const u = existing(emu.state.users, name);
		const r = { ...u };
		delete r.user_password;
		return { user_name: r };
	},
	updateuser(emu, ctx) {
		const [name] = need(ctx.body, 'user_name');
		const u = existing(emu.state.users, name);
		const id = opt(ctx.body, 'user_id');
		if (id !== undefined && id !== '' && Number(id) !== Number(u.user_id)) throw new UcmError(-15);
		const email = opt(ctx.body, 'email');
		if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UcmError(-15);
		for (const k of ['department', 'fax', 'email', 'first_name', 'last_name', 'family_number', 'phone_number', 'language', 'email_to_user']) if (ctx.body[k] !== undefined) u[k] = ctx.body[k];
		return markChanged(emu);
	},
};
