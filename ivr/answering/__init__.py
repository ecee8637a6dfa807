"""Answering a call in time, between the web layer and the rest: the incoming call and its end
(`calls`), each turn claimed, decided once and told within the reply budget (`turns`), and the
leases that let another worker take over a turn whose worker died (`leases`)."""
