"""The text phase: bring the article store and the search index in line with the files.

Only added, changed and removed files are processed. A file whose size and
modification time are unchanged is not read; a file whose bytes are unchanged
is not re-parsed. Store and index are written in batches; the index is
checked against the store at the end, so a rebuilt or half-written index is
filled again from the store without re-reading the files.

Cleaning needs the line statistics of the whole corpus, so every file is read
before any is cleaned. A large run (``WAVES_FROM`` files to read) is
searchable long before that: a first wave of ``FIRST_WAVE`` files is read,
counted, cleaned and written with the statistics known so far, then the rest
follows, and at the end the first wave is cleaned again with the final
statistics and rewritten where that changed it, so that the outcome is the
one of a single wave. The first wave's articles are recorded as provisional
in the store (``PROVISIONAL_KEY``) until then: a run stopped before (killed,
cancelled) leaves them for the next run to read and clean again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reader.corpus import ingest, pipeline
from reader.corpus.manifest import ManifestEntry, read_manifest, source_of
from reader.corpus.paths import relative_path
from reader.indexing import textwork
from reader.search.model import IndexDoc

if TYPE_CHECKING:
    from reader.cleaning import LineStats
    from reader.indexing.library import Library

#: Told (phase, done, total) as the work goes.
Progress = Callable[[str, int, int], None]
STATS_KEY = "line_stats"
#: The folders' times when the text phase last ran to its end (see ``unchanged_on_disk``).
FOLDER_TIMES_KEY = "folder_times"
#: The index's version and the store's change count when they were last found to agree.
AGREED_KEY = "index_agreed"
#: How many article files the corpus had when the last text phase started (what another
#: process says it has indexed "of").
RUN_FILES_KEY = "run_files"
#: Files read between two looks at whether the run was cancelled (and progress reports).
READ_REPORT_EVERY = 200
#: Ids of articles stored with the statistics of a first wave only (see the module's doc).
PROVISIONAL_KEY = "provisional"
#: A run with this many files to read or more writes a first wave of ``FIRST_WAVE`` files
#: before it reads the rest (at 100,000 files: searchable after about 10 s instead of minutes).
WAVES_FROM = 12_000
FIRST_WAVE = 3_000


def _digest(data: str) -> bytes:
    """What ``_settle`` compares of a stored article (its data is about 10 kB: 100,000 of
    them kept whole took a gigabyte)."""
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).digest()


class _Cancelled(Exception):
    """The run was cancelled; what it stored is consistent and stays."""


@dataclass(slots=True)
class _Candidate:
    path: str
    relpath: str
    size: int
    mtime_ns: int


@dataclass(slots=True)
class SyncReport:
    """What the text phase did."""

    found: int = 0  # article files found in the corpus's folders (readable or not)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[ingest.Skipped] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False  # stopped part-way: what was stored is kept, the rest comes next time
    #: Only the folders' times were compared (unchanged): files edited in place are not seen.
    quick: bool = False
    #: Another process is running the text phase: nothing was checked here, what it has
    #: indexed so far is what searches see (``Library.index_progress``).
    busy: bool = False


def _saved_stats(raw: str | None) -> LineStats:
    """The statistics saved by the last run; empty when there are none or they are of an
    older format (every stored article is then counted again, see ``_count_unlisted``)."""
    from reader.cleaning import LineStats

    if raw:
        try:
            return LineStats.from_json(json.loads(raw))
        except ValueError:
            pass
    return LineStats()


class TextSync:
    """One run of the text phase over a library."""

    def __init__(
        self,
        library: Library,
        progress: Progress | None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.library = library
        self.store = library.store
        self.engine = library.engine
        self.progress = progress or (lambda phase, done, total: None)
        self.cancelled = cancelled
        self.report: SyncReport = SyncReport()
        #: Times of the folders walked, kept for the next run's quick look (``FOLDER_TIMES_KEY``).
        self.folder_times: dict[str, int] = {}
        self.work: textwork.InProcess | textwork.TextWorkers = textwork.InProcess()
        self._unreadable = 0  # files to read that could not be

    @cached_property
    def manifest(self) -> dict[str, ManifestEntry]:
        """The corpus's MANIFEST, read only when a file is to be read: of a reopening of
        an unchanged 100,000 files, reading its rows was a fifth."""
        return read_manifest(self.library.root)

    def run(self) -> SyncReport:
        from reader.indexing.locks import TEXT_LOCK, Cancelled, exclusive

        try:  # one text phase at a time per index: a second one waits, then has little to do
            with exclusive(self.library.index_dir / TEXT_LOCK, self.cancelled):
                return self._run()
        except Cancelled:
            self.report.cancelled = True
            return self.report

    def _run(self) -> SyncReport:
        candidates = self._scan()
        known = self.store.file_table()
        provisional = set(json.loads(self.store.get_state(PROVISIONAL_KEY) or "[]"))
        to_read = self._changed_candidates(candidates, known, provisional)
        removed = [known[relpath][0] for relpath in known.keys() - candidates.keys()]
        if self.store.get_state(RUN_FILES_KEY) != str(len(candidates)):
            self.store.set_state(RUN_FILES_KEY, str(len(candidates)))
            self.store.commit()
        try:
            with textwork.work_for(len(to_read), self.engine, self.library.index_dir) as self.work:
                if len(to_read) >= WAVES_FROM:
                    self._in_waves(to_read, known, removed)
                else:
                    self._at_once(to_read, known, removed)
        except _Cancelled:
            self.store.commit()
            self.report.cancelled = True
            return self.report
        self.report.unchanged = len(candidates) - self.report.added - self.report.changed
        self.report.unchanged -= self._unreadable
        self._refill_index()
        paths = [str(path.resolve()) for path in self.library.paths]
        folders = {"paths": paths, "times": self.folder_times}
        self.store.set_state(FOLDER_TIMES_KEY, json.dumps(folders))
        self.store.commit()
        return self.report

    def _at_once(self, to_read: list[_Candidate], known: dict, removed: list[str]) -> None:
        """Read every file, then clean and write them with the whole run's statistics."""
        parsed = self._read(to_read, known)
        items = [item for _candidate, item in parsed]
        pipeline.lend_source_languages(items)
        if parsed or removed:  # the corpus statistics load only when something changed
            stats = self._update_stats(parsed, removed, known)
            self._write(parsed, stats, removed, len(parsed))
            self._save_stats(stats, provisional=[])

    def _in_waves(self, to_read: list[_Candidate], known: dict, removed: list[str]) -> None:
        """A first wave stored and searchable early, then the rest, then the first wave
        settled with the final statistics (see the module's doc)."""
        first = self._read(to_read[:FIRST_WAVE], known)
        languages = pipeline.source_languages([item for _candidate, item in first])
        pipeline.lend_source_languages([item for _candidate, item in first], languages)
        stats = self._update_stats(first, removed, known)
        # Recorded before any is stored: a run that stops before settling them leaves them
        # for the next run to clean again (see ``_changed_candidates``).
        provisional = [item.id for _candidate, item in first]
        self.store.set_state(PROVISIONAL_KEY, json.dumps(provisional))
        self.store.commit()
        expected = len(to_read)  # an estimate until the rest is read
        # One segment per worker: more would stay as small segments that every query visits.
        written = self._write(
            first, stats, removed, expected, segments=textwork.WORKERS, remember=True
        )
        self._save_stats(stats, provisional)
        rest = self._read(to_read[FIRST_WAVE:], known)
        items = [item for _candidate, item in rest]
        pipeline.add_source_languages(languages, pipeline.source_languages(items))
        pipeline.lend_source_languages(items, languages)
        self._count(stats, rest, known)
        self._write(rest, stats, [], len(first) + len(rest), done=len(first))
        self._save_stats(stats, provisional)
        self._settle([candidate for candidate, _item in first], written, stats, languages)
        self._save_stats(stats, provisional=[])

    def _settle(
        self,
        candidates: list[_Candidate],
        written: dict[str, bytes],
        stats: LineStats,
        languages: pipeline.LanguageCounts,
    ) -> None:
        """Clean the first wave again with the final statistics (and languages lent by the
        whole run); store and index again the articles that came out differently."""
        again = self._read(candidates, {}, "settling")  # parsed afresh: cleaning changes blocks
        items = [item for _candidate, item in again]
        pipeline.lend_source_languages(items, languages)
        done = 0
        for chunk in self.work.clean(stats, items, self.cancelled):
            batch = again[done : done + chunk.count]
            changed = []
            for row, doc, (candidate, item) in zip(chunk.rows(), chunk.docs, batch, strict=True):
                if written.get(row.id) != _digest(row.data):
                    self.store.put(row, item.content_hash, candidate.size, candidate.mtime_ns)
                    changed.append(doc)
            self.store.commit()
            if changed:
                self.engine.add(self._still_current(changed))
            done += len(batch)
            self.progress("settling", done, len(again))
        if done < len(again):
            raise _Cancelled

    def _save_stats(self, stats: LineStats, provisional: list[str]) -> None:
        """Save the statistics, and which stored articles are still provisional."""
        self.store.set_state(STATS_KEY, json.dumps(stats.to_json()))
        self.store.set_state(PROVISIONAL_KEY, json.dumps(provisional))
        self.store.commit()

    # scanning --------------------------------------------------------------
    def _scan(self) -> dict[str, _Candidate]:
        found: dict[str, _Candidate] = {}
        root = self.library.root
        # Folders resolved once, so that the files found inside are already under the root.
        paths = [path.resolve() for path in self.library.paths]
        for item in ingest.discover_paths(paths, self.folder_times):
            if isinstance(item, ingest.Skipped):
                self.report.skipped.append(item)
                continue
            self.report.found += 1
            try:
                info = os.stat(item)
            except OSError as error:
                skipped = ingest.Skipped(Path(item), ingest.unreadable_reason(error))
                self.report.skipped.append(skipped)
                continue
            relpath = relative_path(item, root)
            found.setdefault(relpath, _Candidate(item, relpath, info.st_size, info.st_mtime_ns))
        return found

    @staticmethod
    def _changed_candidates(
        candidates: dict[str, _Candidate],
        known: dict[str, tuple[str, str, int, int]],
        provisional: set[str],
    ) -> list[_Candidate]:
        """Files whose size or time changed, new files, and the files of provisional
        articles (cleaned with part of the statistics by a run that stopped: they are
        read again, their stored version forgotten)."""
        changed = []
        for relpath, candidate in candidates.items():
            row = known.get(relpath)
            if row is not None and row[0] in provisional:
                known[relpath] = (row[0], "", row[2], row[3])  # parsed again, not "same"
                changed.append(candidate)
            elif row is None or (row[2], row[3]) != (candidate.size, candidate.mtime_ns):
                changed.append(candidate)
        return changed

    def _read(self, to_read: list[_Candidate], known: dict, phase: str = "reading") -> list:
        """The parsed files of ``to_read`` (those unchanged since stored are touched,
        the unreadable reported)."""
        parsed: list[tuple[_Candidate, pipeline.ReadFile]] = []
        tasks = [self._read_task(candidate, known) for candidate in to_read]
        for done, (candidate, result) in enumerate(
            zip(to_read, self.work.read(tasks), strict=True), start=1
        ):
            if isinstance(result, ingest.Skipped):
                self.report.skipped.append(result)
                self._unreadable += 1
            elif isinstance(result, pipeline.ParsedFile | textwork.ParsedRef):
                parsed.append((candidate, result))
            else:  # textwork.UNCHANGED
                article_id = known[candidate.relpath][0]
                self.store.touch(article_id, candidate.size, candidate.mtime_ns)
            if done % READ_REPORT_EVERY == 0:
                if self.cancelled():
                    raise _Cancelled
                self.progress(phase, done, len(to_read))
        return parsed

    def _read_task(self, candidate: _Candidate, known: dict) -> textwork.ReadTask:
        entry = self.manifest.get(candidate.relpath)
        row = known.get(candidate.relpath)
        return textwork.ReadTask(
            Path(candidate.path),
            candidate.relpath,
            row[1] or None if row is not None else None,
            source_of(candidate.relpath, self.manifest, self.library.name),
            entry.lang if entry else None,
        )

    # cleaning statistics ---------------------------------------------------
    def _update_stats(self, parsed: list, removed: list[str], known: dict) -> LineStats:
        stats = _saved_stats(self.store.get_state(STATS_KEY))
        for article_id in removed:
            stats.remove_document(article_id)
        self._count_unlisted(stats, {*removed, *(item.id for _candidate, item in parsed)})
        self._count(stats, parsed, known)
        return stats

    @staticmethod
    def _count(stats: LineStats, parsed: list, known: dict) -> None:
        for _candidate, item in parsed:
            if item.relpath in known:
                stats.remove_document(item.id)
            stats.add_counted(item.id, item.counted_hashes)  # shared with ``item``

    def _count_unlisted(self, stats: LineStats, skip: set[str]) -> None:
        """Count the stored articles the statistics lack (all but those in ``skip``).

        The statistics are saved once the stored articles are, at the end of a
        run: a run killed in between left articles stored but never counted,
        which no later run would count, their files being unchanged.
        """
        unlisted = [i for i in self.store.ids() if i not in skip and not stats.has_document(i)]
        for article in self.store.iter_articles(unlisted):
            stats.add_document(
                article.id, pipeline.body_texts(article.blocks), source=article.source
            )

    # writing ---------------------------------------------------------------
    def _write(
        self,
        parsed: list,
        stats: LineStats,
        removed: list[str],
        total: int,
        done: int = 0,
        segments: int = textwork.SEGMENTS,
        remember: bool = False,
    ) -> dict[str, bytes]:
        """Store and index ``parsed`` cleaned with ``stats`` (by workers: in about ``segments``
        batches); returns a digest of their stored data by id if asked to ``remember``.

        Progress is told as ("indexing", articles of the run searchable, ``total``),
        counting on from ``done``.
        """
        known_ids = set(self.store.ids())
        if removed:
            self.store.delete(removed)
            self.engine.delete(removed)
            self.report.removed = len(removed)
        items = [item for _candidate, item in parsed]
        written: dict[str, bytes] = {}
        stored = 0
        self.progress("indexing", done, total)  # a worker's first segment takes a while
        for chunk in self.work.finish(stats, items, self.cancelled, segments):
            batch = parsed[stored : stored + chunk.count]
            for row, (candidate, item) in zip(chunk.rows(), batch, strict=True):
                self.store.put(row, item.content_hash, candidate.size, candidate.mtime_ns)
                if remember:
                    written[row.id] = _digest(row.data)
                if item.id in known_ids:
                    self.report.changed += 1
                else:
                    self.report.added += 1
            stored += chunk.count
            self.store.commit()
            if chunk.batch is not None:
                self.engine.add_batch(chunk.batch, self._stale_in_batch)
            elif chunk.docs:
                self.engine.add(self._still_current(chunk.docs))
            self.progress("indexing", done + stored, total)
            if self.cancelled():
                break
        if stored < len(items):  # cancelled: the statistics count only what was stored
            for item in items[stored:]:
                stats.remove_document(item.id)
            self._save_stats(stats, self._provisional_stored())
            raise _Cancelled
        return written

    def _provisional_stored(self) -> list[str]:
        """The provisional articles of this run (or of an earlier one) that are stored."""
        provisional = json.loads(self.store.get_state(PROVISIONAL_KEY) or "[]")
        return sorted(set(provisional) & set(self.store.ids()))

    def _still_current(self, docs: list[IndexDoc]) -> Iterator[IndexDoc]:
        """The documents just written, checked against the store as the index writer takes them.

        The writer holds the index's lock (across processes) while it consumes
        this, so a document that another process has meanwhile given its
        entities, or replaced, is read from the store instead of written stale.
        """
        stale = self._stale([(doc.id, doc.content_hash) for doc in docs])
        for doc in docs:
            if doc.id in stale:
                yield from self.library.current_index_docs([doc.id])
            else:
                yield doc

    def _stale_in_batch(
        self, versions: list[tuple[str, str]]
    ) -> tuple[set[str], Iterator[IndexDoc]]:
        """Of a worker's batch (id, content hash): the ids another process has since changed
        in the store, and their current documents (see ``_still_current``)."""
        stale = self._stale(versions)
        return stale, self.library.current_index_docs(sorted(stale))

    def _stale(self, versions: list[tuple[str, str]]) -> set[str]:
        """Ids of (id, content hash) pairs just written whose store row is no longer that
        version with its entities pending."""
        stored = self.store.versions([article_id for article_id, _hash in versions])
        return {i for i, content_hash in versions if stored.get(i) != (content_hash, "pending")}

    def _refill_index(self) -> None:
        """``_refill`` unless neither the index nor the store changed since they last agreed.

        Comparing every document (reading 100,000 ids and versions from the
        index) was the largest part of reopening an unchanged corpus. Any
        write to the index changes its version, and any change to an
        article in the store its change count (SQL triggers), including
        those of a process killed between the two commits.
        """
        before = self._agreement()
        if self.store.get_state(AGREED_KEY) == before:
            return
        # Recorded only when the whole comparison found nothing to do and nobody (another
        # process's entity phase) wrote meanwhile: the next reopening trusts it.
        if not self._refill() and self._agreement() == before:
            self.store.set_state(AGREED_KEY, before)

    def _agreement(self) -> str:
        return json.dumps([self.engine.version(), self.store.change_count()])

    def _refill(self) -> bool:
        """Make the index agree with the store, the source of truth; True if it wrote.

        Adds what the index lacks or holds in an older version (a rebuilt
        index, a process killed between the store's commit and the index's)
        and drops documents the store no longer has.
        """
        indexed = self.engine.stored()
        hashes = self.store.content_hashes()
        pending = set(self.store.pending_entity_ids())
        extra = [article_id for article_id in indexed if article_id not in hashes]
        if extra:
            self.engine.delete(extra)
        missing = [
            article_id
            for article_id in self.store.ids()
            if indexed.get(article_id)
            != (hashes[article_id], "pending" if article_id in pending else "done")
        ]
        # Text indexed in its current version: only the entities are behind (cheap to write).
        entities_only = {i for i in missing if i in indexed and indexed[i][0] == hashes[i]}
        engine = self.engine
        for start in range(0, len(missing), textwork.BATCH):
            chunk = missing[start : start + textwork.BATCH]
            whole = [i for i in chunk if i not in entities_only]
            if whole:
                engine.add(self.library.current_index_docs(whole))
            if len(whole) < len(chunk):
                ids = [i for i in chunk if i in entities_only]
                engine.add_entities(self.library.current_index_docs(ids))
            self.progress("restoring index", start + len(chunk), len(missing))
        return bool(extra or missing)
