#!/usr/bin/env python3
"""A local webhook receiver for bench/live/webhook-latency.sh: checks each POST's X-Distill-Signature (HMAC-SHA256 of
the raw body under the secret, constant-time compare), answers 200 and prints one line per alert:
`<receive time, epoch ms> <runId> <event> <id> <signature ok> <updatedAt, epoch ms>` (updatedAt: the watcher's clock just
before it committed the alert, to the second). Usage: webhook-receiver.py PORT SECRET_FILE"""
import hashlib, hmac, json, sys, time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

port, secret = int(sys.argv[1]), open(sys.argv[2], 'rb').read().strip()

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        received = time.time() * 1000
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        expected = 'sha256=' + hmac.new(secret, body, hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(expected, self.headers.get('X-Distill-Signature', ''))
        alert = json.loads(body)
        saved = datetime.fromisoformat(alert['updatedAt'].replace('Z', '+00:00')).timestamp() * 1000
        print(f"{received:.0f} {alert['runId']} {alert['event']} {alert['id']} {'ok' if ok else 'BAD'} {saved:.0f}", flush=True)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass

HTTPServer(('127.0.0.1', port), Handler).serve_forever()
