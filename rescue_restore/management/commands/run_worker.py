"""``manage.py run_worker``: django-tasks-db's ``db_worker`` in several threads, with a heartbeat and the lease sweep.

The options of ``db_worker`` work the same (``--queue-name``, ``--interval``,
``--batch``, ``--max-tasks`` per thread…), except ``--reload`` (never reloads:
restart it) and ``--worker-id`` (each thread gets its own id, derived from the
process's heartbeat id); ``--threads`` is added. SIGTERM or
SIGINT: every thread finishes the task in hand, then the process exits (as
``db_worker`` does); a second signal ends it at once. See ``rescue_restore.ops.worker``.
"""

import logging
import signal
import sys
import threading
import time

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands import db_worker

from rescue_restore.ops.worker import Maintenance, beat, new_process_id

logger = logging.getLogger("rescue_restore.ops.worker")


class Command(db_worker.Command):
    help = (
        "Run the background task worker: several threads (WORKER_THREADS), a heartbeat, and the sweep that "
        "takes back mail whose worker died."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="Tasks run at once in this process (default: the WORKER_THREADS setting).",
        )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, **options):
        self.configure_logging(verbosity)
        threads = options["threads"] or settings.WORKER_THREADS
        if threads < 1:
            raise db_worker.CommandError("--threads must be at least 1.")
        queue_names = queue_name.split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        process_id = new_process_id()
        workers = [
            db_worker.Worker(
                queue_names=queue_names,
                interval=interval,
                batch=batch,
                backend_name=backend_name,
                startup_delay=startup_delay,
                max_tasks=options["max_tasks"],
                worker_id=f"{process_id}/t{number}",
                excluded_queue_names=excluded,
            )
            for number in range(1, threads + 1)
        ]
        beat(process_id, threads=threads, queues=queue_name)  # written before any task is claimed
        connection.close()
        maintenance = Maintenance(process_id, threads=threads, queues=queue_name)
        maintenance.start()
        running = [threading.Thread(target=self._run, args=(worker,), daemon=True) for worker in workers]
        self._install_signals(workers)
        logger.info("Worker %s: %s thread(s) on queues %s", process_id, threads, queue_name)
        for thread in running:
            thread.start()
        while any(thread.is_alive() for thread in running):
            for thread in running:
                thread.join(timeout=0.5)
        maintenance.stop(clean=True)
        logger.info("Worker %s stopped", process_id)

    @staticmethod
    def _run(worker):
        """One thread's loop; a database error that escapes it (a restart of PostgreSQL) restarts it."""
        try:
            while True:
                try:
                    worker.run()
                    return
                except Exception:
                    logger.exception("Worker thread %s stopped on an error; starting it again", worker.worker_id)
                    connection.close()
                    time.sleep(max(worker.interval, 1))
                    if not worker.running:
                        return
        finally:
            connection.close()

    def _install_signals(self, workers):
        stopping = []

        def stop(signum, frame):
            if stopping:
                logger.warning("Received %s again: stopping now", signal.strsignal(signum))
                sys.exit(1)
            stopping.append(signum)
            logger.warning("Received %s: finishing the tasks in hand, then stopping", signal.strsignal(signum))
            for worker in workers:
                worker.running = False

        for name in ("SIGINT", "SIGTERM", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), stop)
