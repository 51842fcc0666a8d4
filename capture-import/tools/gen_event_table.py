#!/usr/bin/env python3
"""Builds src/main/resources/dev/eyrie/capture/event-table.txt from a falcosecurity/libs checkout.

The scap format carries no self-description: parameter names, types and flag names live in the
libs driver tables. This script extracts those facts (names, type codes, flag values) into a small
line-oriented data file that the Java reader loads; no libs code is reused.

Usage: gen_event_table.py <old-table-dir> <new-table-dir> <out-file>
Each dir holds event_table.c, flags_table.c, ppm_events_public.h of one libs revision; the old one also
userspace/libscap/syscall_info_table.c. The old
revision (the one sysdig 0.29.3 is built on) wins for every event code it knows, so renderings match
that oracle; the new revision supplies codes added later and parameters appended later.
"""
import re, sys

def strip_comments(s, keep_block=False):
    if not keep_block:
        s = re.sub(r'/\*.*?\*/', '', s, flags=re.S)
    return re.sub(r'//[^\n]*', '', s)

TOK = re.compile(r'\s*(?:(/\*.*?\*/)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(0x[0-9a-fA-F]+|\d+)[uUlL]*|(<<|>>|[{}\[\]=,|()~&+\-*;.]))', re.S)

def tokenize(s):
    pos = 0; out = []
    while pos < len(s):
        m = TOK.match(s, pos)
        if not m:
            if s[pos:].strip() == '':
                break
            raise ValueError('bad token at %r' % s[pos:pos+40])
        pos = m.end()
        if m.group(1): out.append(('C', m.group(1)))
        elif m.group(2): out.append(('S', bytes(m.group(2)[1:-1], 'utf-8').decode('unicode_escape')))
        elif m.group(3): out.append(('I', m.group(3)))
        elif m.group(4): out.append(('N', m.group(4)))
        else: out.append(('P', m.group(5)))
    return out

def defines(header):
    vals = {}
    h = strip_comments(header).replace('\\\n', ' ')
    for m in re.finditer(r'#define\s+([A-Za-z_][A-Za-z0-9_]*)\s+([^\n]+)', h):
        vals.setdefault(m.group(1), m.group(2).strip())
    # enums: NAME = expr, or implicit increments
    for em in re.finditer(r'enum\s*[A-Za-z_0-9]*\s*\{(.*?)\}', h, re.S):
        cur = -1
        for item in em.group(1).split(','):
            item = item.strip()
            if not item: continue
            if '=' in item:
                n, e = item.split('=', 1)
                n = n.strip()
                try:
                    cur = evaluate(e.strip(), vals)
                except Exception:
                    continue
            else:
                n = item; cur += 1
            vals[n] = str(cur)
    return vals

def evaluate(expr, vals, depth=0):
    if depth > 20: raise ValueError(expr)
    def rep(m):
        name = m.group(0)
        if name in vals:
            return '(' + str(evaluate(vals[name], vals, depth + 1)) + ')'
        raise KeyError(name)
    e = re.sub(r'(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*', rep, expr)
    e = re.sub(r'(0x[0-9a-fA-F]+|\d+)[uUlL]+', r'\1', e)
    e = re.sub(r'(?<![0-9A-Za-z_])0([0-7]+)', r'0o\1', e)  # C octal literals
    return int(eval(e, {'__builtins__': {}}))

class P:
    def __init__(self, toks): self.t = toks; self.i = 0
    def peek(self):
        while self.i < len(self.t) and self.t[self.i][0] == 'C': self.i += 1
        return self.t[self.i] if self.i < len(self.t) else None
    def next(self):
        x = self.peek(); self.i += 1; return x
    def expect(self, v):
        x = self.next()
        if x[1] != v: raise ValueError('expected %s got %s' % (v, x))

def parse_value(p):
    """A brace group -> list, otherwise an expression -> string of tokens."""
    if p.peek()[1] == '{':
        p.next(); items = []
        while p.peek()[1] != '}':
            items.append(parse_value(p))
            if p.peek()[1] == ',': p.next()
        p.next(); return items
    if p.peek()[0] == 'S':
        return ('str', p.next()[1])
    parts = []; depth = 0
    while True:
        x = p.peek()
        if depth == 0 and x[1] in (',', '}'): break
        if x[1] == '(': depth += 1
        if x[1] == ')': depth -= 1
        parts.append(x[1]); p.next()
    return ('expr', ' '.join(parts))

def parse_event_table(src, vals):
    body = strip_comments(src)
    body = body[body.index('g_event_info'):]
    body = body[body.index('=') + 1:]
    body = body[:body.index('};') + 2]
    toks = tokenize(body)
    p = P(toks)
    p.expect('{')
    entries = {}; idx = 0
    while True:
        # positional tables name each entry in a comment right before it
        x = p.peek()
        if x is None or x[1] == '}': break
        if x[1] == '[':
            p.next(); name = p.next()[1]; p.expect(']'); p.expect('=')
            idx = int(vals[name])
        entries[idx] = parse_value(p)
        idx += 1
        if p.peek() and p.peek()[1] == ',': p.next()
    return entries

def parse_flags(src, vals):
    tables = {}
    # x86_64 builds define CONFIG_64BIT, so 32-bit-only entries are not part of the table
    s = re.sub(r'#ifndef CONFIG_64BIT.*?#endif', '', strip_comments(src), flags=re.S)
    for m in re.finditer(r'const\s+struct\s+ppm_name_value\s+([A-Za-z_0-9]+)\s*\[[^\]]*\]\s*=\s*', s):
        rest = s[m.end():]
        p = P(tokenize(rest[:rest.index('};') + 2]))
        lst = parse_value(p)
        out = []
        for it in lst:
            if not isinstance(it, list) or len(it) < 2: continue
            if it[0][0] != 'str': continue
            out.append((it[0][1], evaluate(it[1][1], vals) & 0xFFFFFFFF))
        tables[m.group(1)] = out
    return tables

def load(d):
    hdr = open(d + '/ppm_events_public.h').read()
    vals = defines(hdr)
    ev = parse_event_table(open(d + '/event_table.c').read(), vals)
    fl = parse_flags(open(d + '/flags_table.c').read(), vals)
    return vals, ev, fl

def norm_entry(e, vals):
    name = e[0][1]
    cat = evaluate(e[1][1], vals)
    flags = evaluate(e[2][1], vals)
    n = evaluate(e[3][1], vals) if len(e) > 3 else 0
    params = []
    if len(e) > 4:
        for pr in e[4][:n]:
            pname = pr[0][1]
            ptype = pr[1][1]
            pfmt = pr[2][1] if len(pr) > 2 else 'PF_NA'
            info = pr[3][1] if len(pr) > 3 else ''
            params.append((pname, ptype, pfmt, info))
    return name, cat, flags, params

def main():
    oldd, newd, out = sys.argv[1:4]
    ov, oe, of = load(oldd)
    nv, ne, nf = load(newd)
    lines = ['# Generated by tools/gen_event_table.py from falcosecurity/libs driver tables (Apache-2.0/MIT data).',
             '# Tab-separated. E code name category flags origin | P name type format info | F table | V name value']
    used_flags = {}
    for code in sorted(set(oe) | set(ne)):
        if code in oe:
            name, cat, flags, params = norm_entry(oe[code], ov); origin = 'old'; fsrc = of; vsrc = ov
            if code in ne:
                nname, ncat, nflags, nparams = norm_entry(ne[code], nv)
                if len(nparams) > len(params) and [q[0] for q in nparams[:len(params)]] == [q[0] for q in params]:
                    params = params + [q + ('new',) for q in nparams[len(params):]]
        else:
            name, cat, flags, params = norm_entry(ne[code], nv); origin = 'new'; fsrc = nf; vsrc = nv
        lines.append('E\t%d\t%s\t%d\t%d\t%s' % (code, name, cat, flags, origin))
        for q in params:
            pname, ptype, pfmt, info = q[:4]
            src = nf if (len(q) > 4 or origin == 'new') else fsrc
            key = ''
            if info and re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', info) and info in src:
                key = ('n:' if src is nf else 'o:') + info
                used_flags[key] = src[info]
            elif info and re.match(r'^\d+$', info):
                key = info
            elif info and info.endswith('dynamic_param'):
                key = 'dyn:' + info
            ptv = evaluate(ptype, nv if ptype not in ov else ov)
            pfv = evaluate(pfmt, ov if pfmt in ov else nv)
            lines.append('P\t%s\t%d\t%d\t%s' % (pname, ptv, pfv, key or '-'))
    for key in sorted(used_flags):
        lines.append('F\t%s' % key)
        for n, v in used_flags[key]:
            lines.append('V\t%s\t%d' % (n, v))
    # generic events carry a PPM_SC code; sysdig names them after the syscall (positional table, 0 = dummy)
    sc = open(oldd + '/syscall_info_table.c').read()
    sc = sc[sc.index('g_syscall_info_table'):]
    for i, m in enumerate(re.finditer(r'\{\s*EC_[^}]*?"([^"]+)"\s*\}', sc)):
        lines.append('S\t%d\t%s' % (i, m.group(1)))
    open(out, 'w').write('\n'.join(lines) + '\n')

main()
