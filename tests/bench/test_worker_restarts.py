"""``make bench`` names the pages whose run saw a gunicorn worker recycled (bench/run.py).

A recycled worker loads the app again (about 1.5 s): the page measured then pays for it. The
table keeps the figure as measured and says why it may be low.
"""

from bench import run

RESTART = b"INFO gunicorn.error [-] Autorestarting worker after current request.\n"
ANSWER = b'INFO gunicorn.access [abc] "GET /coalitions/" 200 5033 1ms\n'


def test_restarts_are_counted_from_where_the_page_run_began(tmp_path, monkeypatch):
    log = tmp_path / "bench-gunicorn.log"
    monkeypatch.setattr(run, "SERVER_LOG", log)
    assert run._server_log_size() == 0
    assert run._worker_restarts_since(0) == 0  # no log yet
    log.write_bytes(ANSWER + RESTART)
    before = run._server_log_size()
    assert run._worker_restarts_since(0) == 1
    assert run._worker_restarts_since(before) == 0
    log.write_bytes(ANSWER + RESTART + ANSWER * 3 + RESTART + RESTART)
    assert run._worker_restarts_since(before) == 2


def test_the_pages_hit_are_named_under_the_table(capsys):
    run.print_restarts([{"name": "home", "restarts": 0}, {"name": "coalition detail (es)", "restarts": 2}], "pages")
    printed = capsys.readouterr().out
    assert "coalition detail (es) (2)" in printed
    assert "home" not in printed
    run.print_restarts([{"name": "home", "restarts": 0}, {"name": "static CSS file"}], "pages")
    assert capsys.readouterr().out == ""
