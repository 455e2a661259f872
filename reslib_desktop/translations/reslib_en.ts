<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminActions</name>
    <message numerus="yes">
        <source>Deleted %Ln resources (undo in Tools → Import history).</source>
        <translation>
            <numerusform>Deleted %Ln resource (undo in Tools → Import history).</numerusform>
            <numerusform>Deleted %Ln resources (undo in Tools → Import history).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionActions</name>
    <message numerus="yes">
        <source>Removed %Ln resources from “%1”. Ctrl+Z puts them back.</source>
        <translation>
            <numerusform>Removed %Ln resource from “%1”. Ctrl+Z puts it back.</numerusform>
            <numerusform>Removed %Ln resources from “%1”. Ctrl+Z puts them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln resources back in “%1”.</source>
        <translation>
            <numerusform>Put %Ln resource back in “%1”.</numerusform>
            <numerusform>Put %Ln resources back in “%1”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsClient</name>
    <message numerus="yes">
        <source>%Ln attachments of “%1” have no download address: they cannot be made available offline.</source>
        <translation>
            <numerusform>%Ln attachment of “%1” has no download address: it cannot be made available offline.</numerusform>
            <numerusform>%Ln attachments of “%1” have no download address: they cannot be made available offline.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsPanel</name>
    <message numerus="yes">
        <source>%Ln resources, %1 of %2 attachments offline</source>
        <translation>
            <numerusform>%Ln resource, %1 of %2 attachments offline</numerusform>
            <numerusform>%Ln resources, %1 of %2 attachments offline</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message numerus="yes">
        <source>Retr&amp;y %Ln failed</source>
        <translation>
            <numerusform>Retr&amp;y %Ln failed</numerusform>
            <numerusform>Retr&amp;y %Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln downloads were interrupted.</source>
        <translation>
            <numerusform>%Ln download was interrupted.</numerusform>
            <numerusform>%Ln downloads were interrupted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message numerus="yes">
        <source>Exported %Ln resources to %1.</source>
        <translation>
            <numerusform>Exported %Ln resource to %1.</numerusform>
            <numerusform>Exported %Ln resources to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacetGroup</name>
    <message numerus="yes">
        <source>Show %Ln more</source>
        <translation>
            <numerusform>Show %Ln more</numerusform>
            <numerusform>Show %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <source>%1 of %Ln matches</source>
        <translation>
            <numerusform>%1 of %Ln match</numerusform>
            <numerusform>%1 of %Ln matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matches</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updates</source>
        <translation>
            <numerusform>%Ln update</numerusform>
            <numerusform>%Ln updates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln unchanged</numerusform>
            <numerusform>%Ln unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicates</source>
        <translation>
            <numerusform>%Ln possible duplicate</numerusform>
            <numerusform>%Ln possible duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln errors</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln warnings</source>
        <translation>
            <numerusform>%Ln warning</numerusform>
            <numerusform>%Ln warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln added</source>
        <translation>
            <numerusform>%Ln added</numerusform>
            <numerusform>%Ln added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln updated</numerusform>
            <numerusform>%Ln updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped (unchanged or duplicates)</source>
        <translation>
            <numerusform>%Ln skipped (unchanged or duplicate)</numerusform>
            <numerusform>%Ln skipped (unchanged or duplicates)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicates (%1 flagged, %2 merged, %3 skipped)</source>
        <translation>
            <numerusform>%Ln possible duplicate (%1 flagged, %2 merged, %3 skipped)</numerusform>
            <numerusform>%Ln possible duplicates (%1 flagged, %2 merged, %3 skipped)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>(%Ln errors)</source>
        <translation>
            <numerusform>(%Ln error)</numerusform>
            <numerusform>(%Ln errors)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JoinServerDialog</name>
    <message numerus="yes">
        <source>Library “%1”: %Ln resources.</source>
        <translation>
            <numerusform>Library “%1”: %Ln resource.</numerusform>
            <numerusform>Library “%1”: %Ln resources.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln resources already in this library stay on this computer and are not uploaded. Where the server has the same resource, fields changed on only one side are kept; a field changed on both shows the server&apos;s value and waits in Sync → Conflicts with yours. A copy of the library as it is now is kept beside it (.before-join.bak).</source>
        <translation>
            <numerusform>The %Ln resource already in this library stays on this computer and is not uploaded. Where the server has the same resource, fields changed on only one side are kept; a field changed on both shows the server&apos;s value and waits in Sync → Conflicts with yours. A copy of the library as it is now is kept beside it (.before-join.bak).</numerusform>
            <numerusform>The %Ln resources already in this library stay on this computer and are not uploaded. Where the server has the same resource, fields changed on only one side are kept; a field changed on both shows the server&apos;s value and waits in Sync → Conflicts with yours. A copy of the library as it is now is kept beside it (.before-join.bak).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1 of %Ln resources</source>
        <translation>
            <numerusform>%1 of %Ln resource</numerusform>
            <numerusform>%1 of %Ln resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected resources</source>
        <translation>
            <numerusform>%Ln selected resource</numerusform>
            <numerusform>%Ln selected resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading the attachments of %Ln resources…</source>
        <translation>
            <numerusform>Downloading the attachments of %Ln resource…</numerusform>
            <numerusform>Downloading the attachments of %Ln resources…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResourceDeleter</name>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete these %Ln resources from the library?</source>
        <translation>
            <numerusform>Delete this resource from the library?</numerusform>
            <numerusform>Delete these %Ln resources from the library?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source>%Ln min ago</source>
        <translation>
            <numerusform>%Ln min ago</numerusform>
            <numerusform>%Ln min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln h ago</source>
        <translation>
            <numerusform>%Ln h ago</numerusform>
            <numerusform>%Ln h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message numerus="yes">
        <source>%Ln conflicts</source>
        <translation>
            <numerusform>%Ln conflict</numerusform>
            <numerusform>%Ln conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to upload</source>
        <translation>
            <numerusform>%Ln to upload</numerusform>
            <numerusform>%Ln to upload</numerusform>
        </translation>
    </message>
</context>
</TS>
