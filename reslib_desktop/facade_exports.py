"""What `library.py` re-exports from the core, loaded on first use.

The import core pulls in lxml, PDF and fuzzy-matching libraries the window does not need at
start-up, so the facade names them here and imports each one when a front end first asks for it
(`library.__getattr__`). The same names are imported under TYPE_CHECKING below, so type checkers
see their real types; mypy reports a name missing from either list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Core names the front ends use, loaded on first use (the import core pulls in lxml, PDF and
# fuzzy-matching libraries that the window does not need at start-up).
LAZY_EXPORTS: dict[str, str] = {
    "AttachmentCacheInfo": "reslib_desktop.offline.models",
    "CacheStatus": "reslib_desktop.offline.models",
    "CollectionInfo": "reslib_desktop.offline.models",
    "FetchProgress": "reslib_desktop.offline.models",
    "FetchReport": "reslib_desktop.offline.models",
    "OfflineService": "reslib_desktop.offline.service",
    "BundleError": "reslib_desktop.bundle",
    "export_bundle": "reslib_desktop.bundle",
    "import_bundle": "reslib_desktop.bundle",
    "export_resources": "reslib_desktop.export",
    "build_default_library": "reslib_desktop.ingest.default_library",
    "ImportFormatError": "reslib_desktop.ingest.problems",
    "problem_line": "reslib_desktop.ingest.report",
    "report_json": "reslib_desktop.ingest.report",
    "result_line": "reslib_desktop.ingest.report",
    "summary_lines": "reslib_desktop.ingest.report",
    "UndoRefused": "reslib_desktop.ingest.service",
    "DownloadSettings": "reslib_desktop.offline.download",
    "format_size": "reslib_desktop.offline.sizes",
    "parse_size": "reslib_desktop.offline.sizes",
    "canonical_type": "reslib_desktop.vocabulary",
    "ResourceEdit": "reslib_desktop.ingest.editing",
    "LibraryUserState": "reslib_desktop.saved_searches_store",
    "AttachmentEdit": "reslib_desktop.ingest.editing",
    "EditCheck": "reslib_desktop.ingest.editing",
    "EditService": "reslib_desktop.ingest.editing",
    "check_edit": "reslib_desktop.ingest.editing",
    "split_names": "reslib_desktop.ingest.editing",
    "header_key": "reslib_desktop.ingest.formats.csv_format",
    "MAPPABLE_FIELDS": "reslib_desktop.ingest.inputs",
    "detected_format": "reslib_desktop.ingest.inputs",
    "unknown_columns": "reslib_desktop.ingest.inputs",
    "Action": "reslib_desktop.ingest.pipeline",
    "ImportPreview": "reslib_desktop.ingest.pipeline",
    "PreviewItem": "reslib_desktop.ingest.pipeline",
    "Severity": "reslib_desktop.ingest.problems",
    "where": "reslib_desktop.ingest.report",
    "BatchInfo": "reslib_desktop.ingest.service",
    "DuplicatePolicy": "reslib_desktop.ingest.service",
    "ImportCancelled": "reslib_desktop.ingest.service",
    "ImportOptions": "reslib_desktop.ingest.service",
    "ImportRefused": "reslib_desktop.ingest.service",
    "ImportResult": "reslib_desktop.ingest.service",
    "ImportService": "reslib_desktop.ingest.service",
    "PossibleDuplicate": "reslib_desktop.ingest.service",
    "UndoResult": "reslib_desktop.ingest.service",
    "CollectionError": "reslib_desktop.offline.collections",
    "FetchFailure": "reslib_desktop.offline.models",
    "IndexReport": "reslib_desktop.pdf.indexer",
    "MAX_RECENT": "reslib_desktop.saved_searches_store",
    "RecentItem": "reslib_desktop.saved_searches_store",
    "SavedSearch": "reslib_desktop.saved_searches_store",
    "SearchState": "reslib_desktop.saved_searches_store",
    "UserStateError": "reslib_desktop.saved_searches_store",
    "UserStateStore": "reslib_desktop.saved_searches_store",
    "HEAD_REVISION": "reslib_desktop.store.database",
    "failure_line": "reslib_desktop.store.database",
    "UPGRADE_COPIES_KEPT": "reslib_desktop.store.upgrade_copies",
    "upgrade_copies": "reslib_desktop.store.upgrade_copies",
    "upgrade_copy_path": "reslib_desktop.store.upgrade_copies",
    "TYPE_LABELS": "reslib_desktop.vocabulary",
    "SyncError": "reslib_desktop.sync.errors",
    "ServerUnreachable": "reslib_desktop.sync.errors",
    "ReadOnlyAccount": "reslib_desktop.sync.errors",
    "NotAReplica": "reslib_desktop.sync.errors",
    "ServerRefused": "reslib_desktop.sync.errors",
    "SyncCancelled": "reslib_desktop.sync.errors",
    "ServerProbe": "reslib_desktop.sync.probe",
    "probe_server": "reslib_desktop.sync.probe",
    "keyring_available": "reslib_desktop.sync.connect",
    "JoinAddress": "reslib_desktop.sync.address",
    "join_address": "reslib_desktop.sync.address",
    "sslmode_of": "reslib_desktop.sync.address",
    "user_of": "reslib_desktop.sync.address",
    "SSL_MODES": "reslib_desktop.sync.address",
    "SyncReport": "reslib_desktop.sync.service",
    "SyncStatus": "reslib_desktop.sync.status",
    "SyncConflict": "reslib_desktop.sync.conflicts",
    "KEEP_MINE": "reslib_desktop.sync.conflicts",
    "KEEP_SERVER": "reslib_desktop.sync.conflicts",
    "public_url": "reslib_desktop.sync.connect",
    "server_search": "reslib_desktop.sync.server_search",
    "init_server": "reslib_desktop.server.schema",
    "add_server_user": "reslib_desktop.server.schema",
    "LocalCluster": "reslib_desktop.server.cluster",
    "start_trial": "reslib_desktop.server.trial",
    "stop_trial": "reslib_desktop.server.trial",
    "ClusterError": "reslib_desktop.server.cluster",
}



if TYPE_CHECKING:  # the lazy exports, so type checkers see what __getattr__ returns
    from reslib_desktop.bundle import (  # noqa: F401
        BundleError,
        export_bundle,
        import_bundle,
    )
    from reslib_desktop.export import (  # noqa: F401
        export_resources,
    )
    from reslib_desktop.ingest.default_library import (  # noqa: F401
        build_default_library,
    )
    from reslib_desktop.ingest.editing import (  # noqa: F401
        AttachmentEdit,
        EditCheck,
        EditService,
        ResourceEdit,
        check_edit,
        split_names,
    )
    from reslib_desktop.ingest.formats.csv_format import (  # noqa: F401
        header_key,
    )
    from reslib_desktop.ingest.inputs import (  # noqa: F401
        MAPPABLE_FIELDS,
        detected_format,
        unknown_columns,
    )
    from reslib_desktop.ingest.pipeline import (  # noqa: F401
        Action,
        ImportPreview,
        PreviewItem,
    )
    from reslib_desktop.ingest.problems import (  # noqa: F401
        ImportFormatError,
        Severity,
    )
    from reslib_desktop.ingest.report import (  # noqa: F401
        problem_line,
        report_json,
        result_line,
        summary_lines,
        where,
    )
    from reslib_desktop.ingest.service import (  # noqa: F401
        BatchInfo,
        DuplicatePolicy,
        ImportCancelled,
        ImportOptions,
        ImportRefused,
        ImportResult,
        ImportService,
        PossibleDuplicate,
        UndoRefused,
        UndoResult,
    )
    from reslib_desktop.offline.collections import (  # noqa: F401
        CollectionError,
    )
    from reslib_desktop.offline.download import (  # noqa: F401
        DownloadSettings,
    )
    from reslib_desktop.offline.models import (  # noqa: F401
        AttachmentCacheInfo,
        CacheStatus,
        CollectionInfo,
        FetchFailure,
        FetchProgress,
    )
    from reslib_desktop.offline.sizes import (  # noqa: F401
        format_size,
        parse_size,
    )
    from reslib_desktop.pdf.indexer import (  # noqa: F401
        IndexReport,
    )
    from reslib_desktop.saved_searches_store import (  # noqa: F401
        MAX_RECENT,
        LibraryUserState,
        RecentItem,
        SavedSearch,
        SearchState,
        UserStateError,
        UserStateStore,
    )
    from reslib_desktop.server.cluster import (  # noqa: F401
        ClusterError,
        LocalCluster,
    )
    from reslib_desktop.server.schema import (  # noqa: F401
        add_server_user,
        init_server,
    )
    from reslib_desktop.server.trial import (  # noqa: F401
        start_trial,
        stop_trial,
    )
    from reslib_desktop.store.database import (  # noqa: F401
        HEAD_REVISION,
        failure_line,
    )
    from reslib_desktop.store.upgrade_copies import (  # noqa: F401
        UPGRADE_COPIES_KEPT,
        upgrade_copies,
        upgrade_copy_path,
    )
    from reslib_desktop.sync.address import (  # noqa: F401
        SSL_MODES,
        JoinAddress,
        join_address,
        sslmode_of,
        user_of,
    )
    from reslib_desktop.sync.conflicts import (  # noqa: F401
        KEEP_MINE,
        KEEP_SERVER,
        SyncConflict,
    )
    from reslib_desktop.sync.connect import (  # noqa: F401
        keyring_available,
        public_url,
    )
    from reslib_desktop.sync.errors import (  # noqa: F401
        NotAReplica,
        ReadOnlyAccount,
        ServerRefused,
        ServerUnreachable,
        SyncCancelled,
        SyncError,
    )
    from reslib_desktop.sync.probe import ServerProbe, probe_server  # noqa: F401
    from reslib_desktop.sync.server_search import (  # noqa: F401
        server_search,
    )
    from reslib_desktop.sync.service import SyncReport  # noqa: F401
    from reslib_desktop.sync.status import SyncStatus  # noqa: F401
    from reslib_desktop.vocabulary import (  # noqa: F401
        TYPE_LABELS,
        canonical_type,
    )
