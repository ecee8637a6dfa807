from ivr.assistant import SAMPLE_PATH, load
from ivr.devtools.accuracy import Labelled, evaluate, format_report, load_labelled

LABELLED_PATH = SAMPLE_PATH.with_name("riverside-clinic.utterances.csv")


def test_sample_assistant_routes_the_labelled_utterances_accurately():
    report = evaluate(load(SAMPLE_PATH), load_labelled(LABELLED_PATH))
    assert report.accuracy >= 0.95, "\n" + format_report(report)


def test_report_names_each_miss_with_what_was_expected_and_what_was_chosen():
    rows = [Labelled("I need a refill", "pharmacy", "plain"), Labelled("refill please", "billing", "plain")]
    report = evaluate(load(SAMPLE_PATH), rows)
    assert (report.correct, report.total) == (1, 2)
    assert "'refill please': expected billing, got pharmacy" in format_report(report)
