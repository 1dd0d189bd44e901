'use client';
// Sends a customer message through POST /api/chat/send as SSE and follows the events:
// accepted (the customer message is stored) → status → delta… → done | error.
import { useCallback, useRef, useState } from 'react';
import { errorFromResponse, workspaceHeaders } from '@/components/agents/api-client';
import type { ChatFailure, ChatMessage, PendingTurn, SimChannel, TurnResponse } from './types';

export interface SendInput {
  agent_id: string;
  message: string;
  conversation_id: string | null;
  simulate: { stage_id: string | null; channel_type: SimChannel };
}

type SseEvent = { event: string; data: unknown };

function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!data.length) return null;
  try {
    return { event, data: JSON.parse(data.join('\n')) };
  } catch {
    return null;
  }
}

function failureOf(status: number, body: { error?: { code?: string; details?: Record<string, unknown> | null } } | undefined): ChatFailure {
  const d = body?.error?.details ?? {};
  return {
    code: body?.error?.code ?? `http_${status}`,
    status,
    customerMessageId: typeof d.customer_message_id === 'string' ? d.customer_message_id : undefined,
    used: typeof d.used === 'number' ? d.used : undefined,
    limit: typeof d.limit === 'number' ? d.limit : undefined,
  };
}

export function useSendMessage(handlers: {
  onAccepted: (conversationId: string) => void;
  onDone: (res: TurnResponse) => void;
  onFailed: (failure: ChatFailure, conversationId: string | null) => void;
}) {
  const [pending, setPending] = useState<PendingTurn | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const h = useRef(handlers);
  h.current = handlers;

  const send = useCallback(async (input: SendInput) => {
    const abort = new AbortController();
    abortRef.current = abort;
    setPending({ text: input.message, customer: null, stage: null, reply: '' });
    let conversationId: string | null = input.conversation_id;
    try {
      const res = await fetch('/api/chat/send', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...workspaceHeaders() },
        body: JSON.stringify(input),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        const err = await errorFromResponse(res);
        h.current.onFailed(failureOf(res.status, { error: { code: err.code, details: err.details } }), conversationId);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const ev = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (!ev) continue;
          if (ev.event === 'accepted') {
            const a = ev.data as { conversation_id: string; customer_message: ChatMessage };
            conversationId = a.conversation_id;
            setPending((p) => (p ? { ...p, customer: a.customer_message } : p));
            h.current.onAccepted(a.conversation_id);
          } else if (ev.event === 'status') {
            const s = ev.data as { stage: string };
            setPending((p) => (p ? { ...p, stage: s.stage } : p));
          } else if (ev.event === 'delta') {
            const d = ev.data as { text: string };
            setPending((p) => (p ? { ...p, reply: p.reply + d.text } : p));
          } else if (ev.event === 'done') {
            h.current.onDone(ev.data as TurnResponse);
          } else if (ev.event === 'error') {
            const e = ev.data as { status?: number; error?: { code?: string; details?: Record<string, unknown> | null } };
            h.current.onFailed(failureOf(e.status ?? 500, e), conversationId);
          }
        }
      }
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') h.current.onFailed({ code: 'network', status: 0 }, conversationId);
    } finally {
      abortRef.current = null;
      setPending(null);
    }
  }, []);

  const stop = useCallback(() => abortRef.current?.abort(), []);
  return { send, stop, pending };
}
