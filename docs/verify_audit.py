#!/usr/bin/env python3
"""Checks a Clearance audit export (format=jsonl) away from the server, as docs/audit-format.md specifies it.
Usage: verify_audit.py EXPORT [--key-file chain.key] [--head CHAIN SEQ HASH]. Python 3.11, standard library only.
Exit 0: every chain intact; 1: the first broken record of a chain, or an unreadable line, is named."""
import argparse, base64, hashlib, hmac, json, sys
from datetime import datetime, timedelta, timezone

def field(v, legacy):  # "<length>:<bytes>\n"; format 1 counts UTF-16 units, format 2 UTF-8 bytes
    if v is None: return b"-1:\n"
    b = str(v).encode()
    return b"%d:%s\n" % (len(str(v).encode("utf-16-le")) // 2 if legacy else len(b), b)

def raw(line, key, start=0):  # the value's exact text: the hashes cover the stored bytes, not a re-encoding
    at = line.index('"%s":' % key, start) + len(key) + 3
    end = json.JSONDecoder().raw_decode(line, at)[1]
    return (None if line[at:end] == "null" else line[at:end]), end

def blank(text, key, value):  # section 4: an answer's id and time, blanked when they occur exactly once
    whole, nul = '"%s":"%s"' % (key, value), '"%s":"\\u0000"' % key
    return text.replace(whole, nul) if text.count(whole) == 1 and nul not in text else text

def check(r, req, ans, prev, key):  # section 7's checks in order; the first that fails is the problem
    legacy, epoch = r["chainId"] == "legacy", datetime(1970, 1, 1, tzinfo=timezone.utc)
    us = (datetime.fromisoformat(r["decidedAt"].replace("Z", "+00:00")) - epoch) // timedelta(microseconds=1)
    head = [r["prevHash"], r["seq"], r["decisionId"], us] if legacy else [
        "clearance-audit-record-v2", r["prevHash"], r["chainId"], r["seq"], r["decisionId"], us, r["decidedAtExact"], r["caller"]]
    fields = head + [r["subject"], r["action"], r["onBehalfOf"], req, r["decision"], r["errorCode"], r["httpStatus"],
                     r["policyVersion"], r["registryVersion"], r["latencyMicros"], ans if legacy else r["evidenceHash"]]
    if r["prevHash"] != prev: return "previous-hash-mismatch"
    if hashlib.sha256(b"".join(field(v, legacy) for v in fields)).hexdigest() != r["hash"]: return "content-mismatch"
    if legacy: return None
    if ans is None or hashlib.sha256(blank(blank(ans, "decisionId", r["decisionId"]), "decidedAt", r["decidedAtExact"]).encode()).hexdigest() != r["evidenceHash"]: return "evidence-mismatch"
    mac = key and hmac.new(key, ("clearance-audit-record-v2\n%s\n%d\n%s" % (r["chainId"], r["seq"], r["hash"])).encode(), hashlib.sha256).hexdigest()
    return "mac-mismatch" if key and mac != r["mac"] else None

args = argparse.ArgumentParser(); args.add_argument("export"); args.add_argument("--key-file"); args.add_argument("--head", nargs=3, metavar=("CHAIN", "SEQ", "HASH"))
a = args.parse_args(); key = a.key_file and base64.b64decode(open(a.key_file).read().strip()); chains = {}
for n, line in enumerate(open(a.export, encoding="utf-8"), 1):
    if not line.strip(): continue
    try: r = json.loads(line); req, end = raw(line, "request"); chains.setdefault(r["chainId"], {})[r["seq"]] = (r, req, raw(line, "answer", end)[0])
    except (ValueError, KeyError) as e: sys.exit("line %d: not a whole export record (%s)" % (n, e))
failed = False
for chain, records in sorted(chains.items()):
    prev, seq, problem = "0" * 64, 1, None
    for seq in range(1, max(records) + 1):
        problem = "missing-record" if seq not in records else check(*records[seq], prev, key)
        if problem: break
        prev = records[seq][0]["hash"]
    want = a.head and a.head[0] == chain and int(a.head[1])  # records cut from the end show only against a head
    if not problem and want and want > len(records): seq, problem = len(records) + 1, "truncated"
    if not problem and want and records[want][0]["hash"] != a.head[2]: seq, problem = want, "head-mismatch"
    print("chain %s BROKEN at seq %d: %s" % (chain, seq, problem) if problem else "chain %s intact: %d records%s" % (chain, len(records), "" if key else ", macs not checked (no --key-file)"))
    failed = failed or bool(problem)
sys.exit(1 if failed else 0)
