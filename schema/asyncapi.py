"""The AsyncAPI 3 contract: the feed, the webhook payloads and every event type, generated from
the event classes (`socai asyncapi`, committed as docs/asyncapi.yaml; a test fails on drift)."""

from __future__ import annotations

import types
from dataclasses import fields
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin, get_type_hints
from uuid import UUID

import yaml

from projections.cloudevents import (
    BATCH_CONTENT_TYPE,
    CONTENT_TYPE,
    SOURCE,
    cloudevent_type,
    event_classes,
)
from projections.fold import _META as EVENT_META
from projections.personal import PERSONAL_FIELDS

Schema = dict[str, Any]


def json_schema(hint: Any) -> Schema:
    """The JSON Schema of one event field's type."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        options = [json_schema(a) for a in args if a is not type(None)]
        nullable = type(None) in args
        if len(options) == 1 and "type" in options[0] and nullable:
            return {**options[0], "type": [options[0]["type"], "null"]}
        return {"oneOf": [*options, *([{"type": "null"}] if nullable else [])]}
    if origin in (list, tuple):
        return {"type": "array", "items": json_schema(args[0]) if args else {}}
    if origin is dict or hint is dict:
        return {"type": "object"}
    simple: dict[Any, Schema] = {
        str: {"type": "string"},
        int: {"type": "integer"},
        float: {"type": "number"},
        bool: {"type": "boolean"},
        UUID: {"type": "string", "format": "uuid"},
        date: {"type": "string", "format": "date"},
        datetime: {"type": "string", "format": "date-time"},
    }
    return dict(simple.get(hint, {}))


def fields_schema(name: str, event: type) -> Schema:
    hints = get_type_hints(event)
    personal = PERSONAL_FIELDS.get(name, {})
    properties: Schema = {}
    for f in fields(event):
        if f.name in EVENT_META:
            continue
        schema = json_schema(hints[f.name])
        if f.name in personal:
            schema["description"] = (
                "Personal data: left out unless the receiver is an auditor, when it names a "
                "citizen."
            )
        properties[f.name] = schema
    return {
        "type": "object",
        "properties": properties,
        "required": [p for p in properties if p not in personal],
    }


CLOUDEVENT: Schema = {
    "type": "object",
    "description": "A CloudEvents 1.0 structured event.",
    "required": [
        "specversion",
        "id",
        "source",
        "type",
        "time",
        "subject",
        "sequence",
        "datacontenttype",
        "data",
    ],
    "properties": {
        "specversion": {"type": "string", "const": "1.0"},
        "id": {"type": "string", "description": "<stream id>:<version>; unique and stable."},
        "source": {"type": "string", "const": SOURCE},
        "type": {"type": "string", "description": "vn.socai.<stream>.<EventType>"},
        "time": {"type": "string", "format": "date-time", "description": "When recorded."},
        "subject": {"type": "string", "format": "uuid", "description": "The record's id."},
        "sequence": {
            "type": "string",
            "pattern": "^[0-9]{20}$",
            "description": "The log position, zero-padded: the feed's cursor.",
        },
        "datacontenttype": {"type": "string", "const": "application/json"},
        "data": {"$ref": "#/components/schemas/EventData"},
        "socaitopic": {
            "type": "string",
            "description": "Extension: the stored topic, for the event's ledger leaf.",
        },
        "socaiversion": {
            "type": "integer",
            "minimum": 1,
            "description": "Extension: the stream version, for the event's ledger leaf.",
        },
        "socaistate": {
            "type": "string",
            "contentEncoding": "base64",
            "description": "Extension: the stored state bytes exactly as stored (personal fields "
            "sealed in them). Leaf = SHA-256(0x00 ‖ u64(sequence) ‖ subject's 16 bytes ‖ "
            "u64(socaiversion) ‖ u32 len ‖ socaitopic ‖ u32 len ‖ state); absent for an event "
            "recorded before sealing that names a person in clear.",
        },
    },
}

EVENT_DATA: Schema = {
    "type": "object",
    "required": [
        "fields",
        "actor_id",
        "actor_role",
        "reason",
        "effective_date",
        "correlation_id",
        "summary",
        "unit_ids",
        "position",
        "version",
    ],
    "properties": {
        "fields": {"type": "object", "description": "The event's own fields (see its type)."},
        "actor_id": {"type": "string"},
        "actor_role": {"type": "string"},
        "reason": {"type": "string", "description": "A note or a document reference."},
        "effective_date": {"type": ["string", "null"], "format": "date"},
        "correlation_id": {"type": "string"},
        "summary": {"type": "string"},
        "unit_ids": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "position": {"type": "integer"},
        "version": {"type": "integer", "description": "The record's version after it."},
    },
}

WEBHOOK_HEADERS: Schema = {
    "type": "object",
    "description": "Standard Webhooks headers, on webhook deliveries.",
    "required": ["webhook-id", "webhook-timestamp", "webhook-signature"],
    "properties": {
        "webhook-id": {
            "type": "string",
            "description": "<subscriber id>:<log position>; the same on every retry.",
        },
        "webhook-timestamp": {"type": "string", "description": "Seconds since the epoch."},
        "webhook-signature": {
            "type": "string",
            "description": 'v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.'
            '{body}" keyed with the base64-decoded secret after whsec_>',
        },
    },
}


def _message(name: str, stream: str) -> Schema:
    kind = cloudevent_type(stream, name)
    return {
        "name": name,
        "title": kind,
        "contentType": CONTENT_TYPE,
        "headers": {"$ref": "#/components/schemas/WebhookHeaders"},
        "payload": {
            "allOf": [
                {"$ref": "#/components/schemas/CloudEvent"},
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": kind},
                        "data": {
                            "type": "object",
                            "properties": {"fields": {"$ref": f"#/components/schemas/{name}"}},
                        },
                    },
                },
            ]
        },
    }


def document() -> Schema:
    events = event_classes()
    refs = {name: {"$ref": f"#/components/messages/{name}"} for name in events}
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "socai: the record of the Nghi Dương commune's 2026–2030 action program",
            "version": "1.0.0",
            "description": "Every act of carrying out the program is an immutable event. Higher-"
            "level systems pull it (GET /feed), receive it (signed webhooks) or watch it (GraphQL "
            "subscriptions); all three carry the same CloudEvents. Personal fields are left out "
            "unless the reader is an auditor.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "socai": {
                "host": "127.0.0.1:8000",
                "protocol": "http",
                "description": "`socai serve`; send `Authorization: Bearer <token>`.",
                "security": [{"$ref": "#/components/securitySchemes/bearer"}],
            },
            "socaiLive": {
                "host": "127.0.0.1:8000",
                "protocol": "ws",
                "pathname": "/graphql",
                "description": "graphql-transport-ws; credentials in the connection_init payload "
                'as {"authorization": "Bearer <token>"}.',
            },
            "receiver": {
                "host": "receiver.example",
                "protocol": "https",
                "description": "A subscriber's endpoint, registered with `registerWebhook`.",
            },
        },
        "channels": {
            "feed": {
                "address": "/feed",
                "title": "Pull feed",
                "description": "GET /feed?after=<position>&limit=<1–1000>&type=<event type>&"
                "unit=<unit id>: events after the position, in log order, as a JSON array of "
                f"CloudEvents ({BATCH_CONTENT_TYPE}). The `Link` header (rel=next) and "
                "`feed-next-after` give the next `after`; `feed-has-more` says whether to read "
                "on at once. `feed-checkpoint-size`, `feed-checkpoint-position` and "
                "`feed-checkpoint-root` (base64) name the latest signed checkpoint, against "
                "which GraphQL `inclusionProof(position, treeSize)` proves each event.",
                "servers": [{"$ref": "#/servers/socai"}],
                "messages": {"batch": {"$ref": "#/components/messages/FeedBatch"}},
            },
            "webhook": {
                "address": "{url}",
                "title": "Webhook deliveries",
                "description": "One POST per event, at least once, in log order per subscriber; "
                "a 2xx acknowledges, 410 disables the subscriber, 429 or 503 with Retry-After "
                "delays it; other answers are retried on a schedule until it is parked.",
                "parameters": {"url": {"description": "The URL given at registration."}},
                "servers": [{"$ref": "#/servers/receiver"}],
                "messages": refs,
            },
            "live": {
                "address": "/graphql",
                "title": "Live subscriptions",
                "description": "subscription { events(types, units, after) { … } } sends each "
                "event as it is recorded; boardChanged(unitId) sends a unit's board when an event "
                "concerning it is recorded.",
                "servers": [{"$ref": "#/servers/socaiLive"}],
                "messages": {"next": {"$ref": "#/components/messages/SubscriptionNext"}},
            },
        },
        "operations": {
            "serveFeed": {
                "action": "send",
                "channel": {"$ref": "#/channels/feed"},
                "summary": "Answers GET /feed with a batch of events.",
                "messages": [{"$ref": "#/channels/feed/messages/batch"}],
            },
            "deliverWebhook": {
                "action": "send",
                "channel": {"$ref": "#/channels/webhook"},
                "summary": "`socai deliver` POSTs each event to each subscriber.",
                "messages": [{"$ref": f"#/channels/webhook/messages/{name}"} for name in events],
            },
            "publishLive": {
                "action": "send",
                "channel": {"$ref": "#/channels/live"},
                "summary": "Sends subscription results over graphql-transport-ws.",
                "messages": [{"$ref": "#/channels/live/messages/next"}],
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "CloudEvent": CLOUDEVENT,
                "EventData": EVENT_DATA,
                "WebhookHeaders": WEBHOOK_HEADERS,
                **{name: fields_schema(name, cls) for name, (_, cls) in events.items()},
            },
            "messages": {
                "FeedBatch": {
                    "name": "FeedBatch",
                    "contentType": BATCH_CONTENT_TYPE,
                    "payload": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/CloudEvent"},
                    },
                },
                "SubscriptionNext": {
                    "name": "SubscriptionNext",
                    "contentType": "application/json",
                    "summary": 'A graphql-transport-ws "next" message; for `events`, '
                    "payload.data.events is a CloudEvent (with `position`).",
                    "payload": {"type": "object"},
                },
                **{name: _message(name, stream) for name, (stream, _) in events.items()},
            },
        },
    }


def as_yaml() -> str:
    header = "# Generated by `socai asyncapi` from the event classes; do not edit by hand.\n"
    body = yaml.safe_dump(document(), sort_keys=False, allow_unicode=True, width=100)
    return header + body
