"""The exception tree. Every error has a code (``E012``) and a message that says how to fix it.

The CLI prints ``str(error)`` as one line; the web API returns :meth:`NewsledgerError.to_json`.
"""
from __future__ import annotations

from typing import Any, Optional


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""

    code = "E000"
    default = "newsledger failed"

    def __init__(self, message: Optional[str] = None, *, input_id: Optional[str] = None) -> None:
        self.message = message or self.default
        self.input_id = input_id
        super().__init__(self.message)

    def __str__(self) -> str:
        where = f"{self.input_id}: " if self.input_id else ""
        return f"{self.code} {where}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"ok": False, "error": {"code": self.code, "message": self.message, "input": self.input_id}}


class InputError(NewsledgerError):
    """A single input could not be read; the batch goes on."""

    code = "E010"


class EmptyInput(InputError):
    code = "E011"
    default = "the input is empty: nothing to analyse"


class BinaryInput(InputError):
    code = "E012"
    default = "the input looks binary, not text or HTML: pass a .txt, .html, .jsonl or .warc file"


class UndecodableInput(InputError):
    code = "E013"
    default = "the bytes could not be decoded as text in any known encoding: convert the file to UTF-8"


class InputTooLarge(InputError):
    code = "E014"
    default = "the input is larger than the limit: set NEWSLEDGER_MAX_BYTES higher (see `newsledger settings`) or split the file"


class UnknownFormat(InputError):
    code = "E015"
    default = "unknown file extension: use .txt, .md, .html, .htm, .jsonl, .warc or .warc.gz (or .gz of these)"


class UnreadablePath(InputError):
    code = "E016"
    default = "the path cannot be read: check it exists and you have permission"


class BadRecord(InputError):
    code = "E017"
    default = "a JSONL line is not a JSON object with 'text' or 'html': fix or remove the line"


class MalformedHTML(InputError):
    code = "E018"
    default = "no main text could be extracted from the HTML"


class DecompressionBomb(InputError):
    code = "E019"
    default = "the compressed input expands beyond the size limit (possible gzip bomb): not read"


class TruncatedInput(InputError):
    """The input ends before its own format says it does (a cut gzip stream or WARC record, HTML nested
    past the parser's depth): what was read is not stored as if it were whole."""

    code = "E020"
    default = "the input is truncated (cut short): re-download or repair it"


class BadDate(InputError):
    """A date given with the input (front matter, a JSONL field, ``--published``) is not a real date."""

    code = "E021"
    default = "the date is not a real date: use 2020-10-15, 2020-10, 2020 or --10-15"


class StageError(NewsledgerError):
    """A stage failed on one document; the document is kept with what earlier stages found."""

    code = "E030"


class StageContractError(NewsledgerError):
    """The stages' declared reads and writes do not fit together (a programming error, found at start-up)."""

    code = "E032"
    default = "a stage reads a field no earlier stage writes"


class TooManyParagraphs(NewsledgerError):
    """A document has more paragraphs than the limit; the first ones are analysed, the rest left out."""

    code = "E033"
    default = "the document has more paragraphs than the limit: set NEWSLEDGER_MAX_PARAGRAPHS higher (see `newsledger settings`)"


class AnalysisTimeout(NewsledgerError):
    """A document's analysis ran past its time budget; it is recorded as a failure, the batch goes on."""

    code = "E034"
    default = ("the analysis of the document took longer than the limit: set NEWSLEDGER_MAX_SECONDS_PER_DOCUMENT "
               "higher (see `newsledger settings`) or split the page")


class ModelMissing(NewsledgerError):
    code = "E031"
    default = "a language model is not installed: run `make run` (or pip install -e .) to install it"


class StoreError(NewsledgerError):
    code = "E040"


class NoStore(StoreError):
    """A read command was given a path with no store: nothing is created there."""

    code = "E042"
    default = "no store at this path: run `newsledger ingest PATHS --db PATH` first"


class SchemaTooNew(StoreError):
    code = "E041"
    default = "the database was written by a newer newsledger: upgrade newsledger"


class NotFound(NewsledgerError):
    code = "E044"
    default = "no such item"


class UsageError(NewsledgerError):
    code = "E050"


class QueryTooLarge(UsageError):
    """A search query over the caps on its length or number of terms (the web answers 400)."""

    code = "E046"
    default = "the search query is too long or has too many words: shorten it"


class SearchTimeout(NewsledgerError):
    """A search stopped at its time budget (the web answers 503: the server is fine, the query too costly)."""

    code = "E047"
    default = "the search ran past its time budget and was stopped: use fewer or rarer words"


class FetchError(NewsledgerError):
    """A page, feed or sitemap could not be fetched; the run goes on. ``status`` is the HTTP status, if any came."""

    code = "E051"
    default = "the connection failed: check the URL and the network"

    def __init__(self, message: Optional[str] = None, *, input_id: Optional[str] = None,
                 status: Optional[int] = None) -> None:
        super().__init__(message, input_id=input_id)
        self.status = status


class RobotsDisallowed(FetchError):
    code = "E052"
    default = "robots.txt of the site disallows this URL: not fetched (remove it from the sources file)"


class HttpError(FetchError):
    code = "E053"
    default = "the server answered with an error status: check the URL, or try later for 5xx and 429"


class FetchTimeout(FetchError):
    code = "E054"
    default = "no answer within the timeout: try later or set NEWSLEDGER_FETCH_TIMEOUT higher"


class ResponseTooLarge(FetchError):
    code = "E055"
    default = "the response is over the size cap: set NEWSLEDGER_FETCH_MAX_BYTES higher to read it"


class NotHtml(FetchError):
    code = "E056"
    default = "the response is not an HTML page (content type): only web pages are analysed"


class TooManyRedirects(FetchError):
    code = "E057"
    default = "too many redirects or a redirect loop: check the URL in a browser"


class BadFeed(FetchError):
    code = "E058"
    default = "the feed or sitemap cannot be parsed: check its URL in the sources file"


class BadSources(UsageError):
    code = "E059"
    default = "the sources file cannot be read: see examples/sources/karabakh.toml for the format"


class NothingRead(NewsledgerError):
    code = "E060"
    default = "no input could be read: see the errors above"
