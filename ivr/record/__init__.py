"""The call record in SQL: every call, its turns and status reports, contacts, messages and the
events outbox. Any worker on any machine serves any turn, because everything lives here.

`models` and `db` are the schema and the engine; `calls` is a call's life (created, its status
moving only forward, purged), `turns` its conversation (claimed, decided once, finished)."""
