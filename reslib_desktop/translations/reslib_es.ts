<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>An offline-first browser for a library of resources: reports, briefs, fact sheets and toolkits, with their PDF attachments.</source>
        <translation>Un explorador que funciona sin conexión para una biblioteca de recursos: informes, informes breves, fichas informativas y kits de herramientas, con sus archivos PDF adjuntos.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>The library shipped with the app holds records of the resource library of the U.S. Department of Health and Human Services, Office on Trafficking in Persons (OTIP). As works of the U.S. federal government they are in the public domain.</source>
        <translation>La biblioteca que viene con la aplicación contiene registros de la biblioteca de recursos de la Oficina contra la Trata de Personas (OTIP) del Departamento de Salud y Servicios Humanos de los EE. UU. Como obras del gobierno federal de los EE. UU., son de dominio público.</translation>
    </message>
    <message>
        <source>Attachments are downloaded from the addresses the records give, only when you ask.</source>
        <translation>Los adjuntos se descargan de las direcciones que indican los registros, solo cuando usted lo pide.</translation>
    </message>
    <message>
        <source>Library file: %1</source>
        <translation>Archivo de la biblioteca: %1</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>reslib-desktop is MIT-licensed. It uses Qt and Qt for Python %1 (LGPL-3.0), SQLAlchemy and Alembic (MIT), NumPy (BSD-3-Clause), pypdfium2 and PDFium (Apache-2.0 / BSD-3-Clause), RapidFuzz (MIT), platformdirs (MIT) and QtAwesome (MIT; icon fonts under the SIL Open Font License).</source>
        <translation>reslib-desktop tiene licencia MIT. Usa Qt y Qt for Python %1 (LGPL-3.0), SQLAlchemy y Alembic (MIT), NumPy (BSD-3-Clause), pypdfium2 y PDFium (Apache-2.0 / BSD-3-Clause), RapidFuzz (MIT), platformdirs (MIT) y QtAwesome (MIT; fuentes de iconos con la licencia SIL Open Font License).</translation>
    </message>
    <message>
        <source>About reslib-desktop</source>
        <translation>Acerca de reslib-desktop</translation>
    </message>
</context>
<context>
    <name>AdminActions</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>Export &amp;results…</source>
        <translation>Exportar &amp;resultados…</translation>
    </message>
    <message>
        <source>Export &amp;library…</source>
        <translation>Exportar &amp;biblioteca…</translation>
    </message>
    <message>
        <source>&amp;Edit resource…</source>
        <translation>&amp;Editar recurso…</translation>
    </message>
    <message>
        <source>&amp;Delete resource…</source>
        <translation>E&amp;liminar recurso…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>&amp;Historial de importaciones…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicates…</source>
        <translation>Posibles &amp;duplicados…</translation>
    </message>
    <message>
        <source>Imported as batch %1 (undo in Tools → Import history).</source>
        <translation>Importado como lote %1 (se deshace en Herramientas → Historial de importaciones).</translation>
    </message>
    <message>
        <source>Saved (undo in Tools → Import history).</source>
        <translation>Guardado (se deshace en Herramientas → Historial de importaciones).</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln resources (undo in Tools → Import history).</source>
        <translation>
            <numerusform>Se eliminó %Ln recurso (se deshace en Herramientas → Historial de importaciones).</numerusform>
            <numerusform>Se eliminaron %Ln recursos (se deshace en Herramientas → Historial de importaciones).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AdminPrompts</name>
    <message>
        <source>Resources (*.json *.csv *.tsv *.html *.htm *.txt *.pdf);;All files (*)</source>
        <translation>Recursos (*.json *.csv *.tsv *.html *.htm *.txt *.pdf);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose files to import</source>
        <translation>Elija los archivos que desea importar</translation>
    </message>
    <message>
        <source>Choose a folder of PDFs to import</source>
        <translation>Elija una carpeta de archivos PDF para importar</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export resources</source>
        <translation>Exportar recursos</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The library could not be opened.</source>
        <translation>No se pudo abrir la biblioteca.</translation>
    </message>
</context>
<context>
    <name>AttachmentOpener</name>
    <message>
        <source>This attachment no longer exists.</source>
        <translation>Este adjunto ya no existe.</translation>
    </message>
    <message>
        <source>This attachment is not in the offline cache and no download address is known for it: import a bundle, or its record with a URL, to get the file.</source>
        <translation>Este adjunto no está guardado para usar sin conexión y no se conoce ninguna dirección para descargarlo: importe un paquete, o su registro con una URL, para obtener el archivo.</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <translation>Descargando «%1»…</translation>
    </message>
    <message>
        <source>the download was cancelled</source>
        <translation>la descarga se canceló</translation>
    </message>
    <message>
        <source>You seem to be offline, and this attachment is not available offline.</source>
        <translation>Parece que no tiene conexión y este adjunto no está disponible sin conexión.</translation>
    </message>
    <message>
        <source>Could not download this attachment: %1</source>
        <translation>No se pudo descargar este adjunto: %1</translation>
    </message>
</context>
<context>
    <name>AttachmentsEditor</name>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Add attachme&amp;nt</source>
        <translation>Agregar adju&amp;nto</translation>
    </message>
    <message>
        <source>Add an attachment</source>
        <translation>Agregar un adjunto</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Remove the selected attachment</source>
        <translation>Quitar el adjunto seleccionado</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Subi&amp;r</translation>
    </message>
    <message>
        <source>Move the selected attachment up</source>
        <translation>Subir el adjunto seleccionado</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>Move the selected attachment down</source>
        <translation>Bajar el adjunto seleccionado</translation>
    </message>
</context>
<context>
    <name>CollectionActions</name>
    <message>
        <source>&amp;Undo remove from collection</source>
        <translation>&amp;Deshacer quitar de la colección</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Put the resources back in the collection (Ctrl+Z)</source>
        <translation>Volver a poner los recursos en la colección (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo remove from collection</source>
        <translation>Deshacer quitar de la colección</translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln resources from “%1”. Ctrl+Z puts them back.</source>
        <translation>
            <numerusform>Se quitó %Ln recurso de «%1». Ctrl+Z lo vuelve a poner.</numerusform>
            <numerusform>Se quitaron %Ln recursos de «%1». Ctrl+Z los vuelve a poner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln resources back in “%1”.</source>
        <translation>
            <numerusform>Se volvió a poner %Ln recurso en «%1».</numerusform>
            <numerusform>Se volvieron a poner %Ln recursos en «%1».</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionEditor</name>
    <message>
        <source>Collection order</source>
        <translation>Orden de la colección</translation>
    </message>
    <message>
        <source>Collection name</source>
        <translation>Nombre de la colección</translation>
    </message>
    <message>
        <source>Resources in the collection, in order</source>
        <translation>Recursos de la colección, en orden</translation>
    </message>
    <message>
        <source>Ctrl+Up and Ctrl+Down move the selected resource</source>
        <translation>Ctrl+Arriba y Ctrl+Abajo mueven el recurso seleccionado</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Subi&amp;r</translation>
    </message>
    <message>
        <source>Move the resource up</source>
        <translation>Subir el recurso</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>Move the resource down</source>
        <translation>Bajar el recurso</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Remove the resource from the collection</source>
        <translation>Quitar el recurso de la colección</translation>
    </message>
</context>
<context>
    <name>CollectionsClient</name>
    <message numerus="yes">
        <source>%Ln attachments of “%1” have no download address: they cannot be made available offline.</source>
        <translation>
            <numerusform>%Ln adjunto de «%1» no tiene dirección de descarga: no se puede tener disponible sin conexión.</numerusform>
            <numerusform>%Ln adjuntos de «%1» no tienen dirección de descarga: no se pueden tener disponibles sin conexión.</numerusform>
        </translation>
    </message>
    <message>
        <source>Collection “%1”</source>
        <translation>Colección «%1»</translation>
    </message>
</context>
<context>
    <name>CollectionsPanel</name>
    <message>
        <source>Collections</source>
        <extracomment>Asked before deleting a collection (None: a message box); set it in tests.</extracomment>
        <translation>Colecciones</translation>
    </message>
    <message>
        <source>Collections heading</source>
        <translation>Encabezado de colecciones</translation>
    </message>
    <message>
        <source>&amp;New collection</source>
        <translation>&amp;Nueva colección</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Cambiar nombre</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>&amp;Keep offline</source>
        <translation>&amp;Mantener sin conexión</translation>
    </message>
    <message>
        <source>Download &amp;now</source>
        <translation>Descargar &amp;ahora</translation>
    </message>
    <message>
        <source>&amp;Arrange resources…</source>
        <translation>&amp;Ordenar recursos…</translation>
    </message>
    <message>
        <source>Show &amp;all resources</source>
        <translation>Mostrar &amp;todos los recursos</translation>
    </message>
    <message>
        <source>Collections list</source>
        <translation>Lista de colecciones</translation>
    </message>
    <message>
        <source>Drop resources on a collection to add them; F2 renames</source>
        <translation>Suelte recursos sobre una colección para agregarlos; F2 cambia el nombre</translation>
    </message>
    <message>
        <source>Collections message</source>
        <translation>Mensaje de colecciones</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>Nueva colección</translation>
    </message>
    <message>
        <source>Added %1 to “%2”</source>
        <translation>Se agregó %1 a «%2»</translation>
    </message>
    <message>
        <source>Arrange “%1”</source>
        <translation>Ordenar «%1»</translation>
    </message>
    <message>
        <source>Arrange collection</source>
        <translation>Ordenar la colección</translation>
    </message>
    <message>
        <source>Collection actions</source>
        <translation>Acciones de la colección</translation>
    </message>
    <message>
        <source>All resources</source>
        <translation>Todos los recursos</translation>
    </message>
    <message>
        <source>The whole library, no collection</source>
        <translation>Toda la biblioteca, sin colección</translation>
    </message>
    <message>
        <source>All resources: the whole library, no collection</source>
        <translation>Todos los recursos: toda la biblioteca, sin colección</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln resources, %1 of %2 attachments offline</source>
        <translation>
            <numerusform>%Ln recurso, %1 de %2 adjuntos sin conexión</numerusform>
            <numerusform>%Ln recursos, %1 de %2 adjuntos sin conexión</numerusform>
        </translation>
    </message>
    <message>
        <source>kept offline</source>
        <translation>se mantiene sin conexión</translation>
    </message>
    <message>
        <source>only on this laptop (not shared)</source>
        <translation>solo en este portátil (no compartida)</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>Eliminar colección</translation>
    </message>
    <message>
        <source>Delete the collection “%1”? Its resources stay in the library.</source>
        <translation>¿Eliminar la colección «%1»? Sus recursos se quedan en la biblioteca.</translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Subtítulo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>Attachment labels</source>
        <translation>Etiquetas de los adjuntos</translation>
    </message>
    <message>
        <source>Attachment URLs</source>
        <translation>URL de los adjuntos</translation>
    </message>
    <message>
        <source>Source URL</source>
        <translation>URL de origen</translation>
    </message>
    <message>
        <source>Identifier (uid)</source>
        <translation>Identificador (uid)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Title derived (true/false)</source>
        <translation>Título deducido (true/false)</translation>
    </message>
    <message>
        <source>CSV columns</source>
        <translation>Columnas del CSV</translation>
    </message>
    <message>
        <source>CSV column mapping</source>
        <translation>Correspondencia de columnas del CSV</translation>
    </message>
    <message>
        <source>These columns are not ones the importer knows. Choose the field each one holds, or ignore it.</source>
        <translation>El importador no reconoce estas columnas. Elija el campo que contiene cada una, o ignórela.</translation>
    </message>
    <message>
        <source>Ignore this column</source>
        <translation>Ignorar esta columna</translation>
    </message>
    <message>
        <source>Field for the column %1</source>
        <translation>Campo de la columna %1</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Sync conflicts</source>
        <translation>Conflictos de sincronización</translation>
    </message>
    <message>
        <source>The server&apos;s value is in the library now. Keep yours to upload it with the next sync.</source>
        <translation>Ahora la biblioteca tiene el valor del servidor. Conserve el suyo para subirlo en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Recurso</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>El suyo</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Conservar el &amp;mío</translation>
    </message>
    <message>
        <source>Keep &amp;server&apos;s</source>
        <translation>Conservar el del &amp;servidor</translation>
    </message>
    <message>
        <source>deleted on the server</source>
        <translation>eliminado en el servidor</translation>
    </message>
    <message>
        <source>No conflicts: everything merged.</source>
        <translation>No hay conflictos: todo se combinó.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>{problem}. The app keeps running. The details are also saved in {log}.</source>
        <translation>{problem}. La aplicación sigue funcionando. Los detalles también se guardaron en {log}.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The app keeps running and your library is safe; if this happens again, copy the details and send them to whoever supports the app. The details are also saved in {log}.</source>
        <translation>Ocurrió un error inesperado. La aplicación sigue funcionando y su biblioteca está a salvo; si vuelve a pasar, copie los detalles y envíelos a quien dé soporte a la aplicación. Los detalles también se guardaron en {log}.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
</context>
<context>
    <name>DateRangeFilter</name>
    <message>
        <source>Publication date range</source>
        <translation>Rango de fechas de publicación</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>Publication date filter, expand or collapse</source>
        <translation>Filtro de fecha de publicación, expandir o contraer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>MMM yyyy</source>
        <comment>month and year, short month name (Qt date format)</comment>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <comment>month and year (Qt date format)</comment>
        <translation>MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>a day, short month name (Qt date format)</comment>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <comment>a day (Qt date format)</comment>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Matched:</source>
        <translation>Coincidencia:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>sin fecha</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The title was derived from the resource&apos;s attachment or description.</source>
        <translation>El título se dedujo del adjunto o de la descripción del recurso.</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Origen: %1</translation>
    </message>
    <message>
        <source>available offline</source>
        <translation>disponible sin conexión</translation>
    </message>
    <message>
        <source>queued for download</source>
        <translation>en espera de descarga</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>descargando</translation>
    </message>
    <message>
        <source>download failed</source>
        <translation>la descarga falló</translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation>no descargado</translation>
    </message>
    <message>
        <source>no download address</source>
        <translation>sin dirección de descarga</translation>
    </message>
    <message>
        <source>Resource details</source>
        <translation>Detalles del recurso</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Attachments of the selected resource</source>
        <translation>Adjuntos del recurso seleccionado</translation>
    </message>
    <message>
        <source>Found inside attachments</source>
        <translation>Encontrado dentro de los adjuntos</translation>
    </message>
    <message>
        <source>Pages of attachments that match the search</source>
        <translation>Páginas de los adjuntos que coinciden con la búsqueda</translation>
    </message>
    <message>
        <source>Select a resource to see its details.</source>
        <translation>Seleccione un recurso para ver sus detalles.</translation>
    </message>
    <message>
        <source>No download address is known for this attachment</source>
        <translation>No se conoce ninguna dirección de descarga para este adjunto</translation>
    </message>
    <message>
        <source>%1, page %2: %3</source>
        <translation>%1, página %2: %3</translation>
    </message>
</context>
<context>
    <name>DownloadAvailability</name>
    <message>
        <source>This library has no download addresses for its attachments; import a bundle or records with URLs to make them available offline.</source>
        <translation>Esta biblioteca no tiene direcciones de descarga para sus adjuntos; importe un paquete o registros con URL para tenerlos disponibles sin conexión.</translation>
    </message>
    <message>
        <source>Nothing can be downloaded: this library has no download addresses.</source>
        <translation>No se puede descargar nada: esta biblioteca no tiene direcciones de descarga.</translation>
    </message>
    <message>
        <source>The selected resources have no download address for their attachments.</source>
        <translation>Los recursos seleccionados no tienen dirección de descarga para sus adjuntos.</translation>
    </message>
    <message>
        <source>Select resources to make them available offline.</source>
        <translation>Seleccione recursos para tenerlos disponibles sin conexión.</translation>
    </message>
</context>
<context>
    <name>DownloadsModel</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Downloads</source>
        <translation>Descargas</translation>
    </message>
    <message>
        <source>No downloads running</source>
        <translation>No hay descargas en curso</translation>
    </message>
    <message>
        <source>Downloads title</source>
        <translation>Título de descargas</translation>
    </message>
    <message>
        <source>Overall download progress</source>
        <translation>Progreso total de las descargas</translation>
    </message>
    <message>
        <source>Download totals</source>
        <translation>Totales de las descargas</translation>
    </message>
    <message>
        <source>Text indexing progress</source>
        <translation>Progreso de la indexación del texto</translation>
    </message>
    <message>
        <source>Interrupted downloads</source>
        <translation>Descargas interrumpidas</translation>
    </message>
    <message>
        <source>Interrupted downloads message</source>
        <translation>Mensaje de descargas interrumpidas</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Resume interrupted downloads</source>
        <translation>Reanudar las descargas interrumpidas</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>Discard interrupted downloads</source>
        <translation>Descartar las descargas interrumpidas</translation>
    </message>
    <message>
        <source>Why nothing can be downloaded</source>
        <translation>Por qué no se puede descargar nada</translation>
    </message>
    <message>
        <source>Download problems</source>
        <translation>Problemas de descarga</translation>
    </message>
    <message>
        <source>Download problems message</source>
        <translation>Mensaje de problemas de descarga</translation>
    </message>
    <message>
        <source>Retr&amp;y these</source>
        <translation>Reintentar &amp;estos</translation>
    </message>
    <message>
        <source>Retry the files that failed in this run</source>
        <translation>Reintentar los archivos que fallaron en esta ejecución</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Files being made available offline</source>
        <translation>Archivos que se están preparando para usar sin conexión</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Cancel downloads</source>
        <translation>Cancelar las descargas</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>Reintentar &amp;fallidos</translation>
    </message>
    <message>
        <source>Retry failed downloads</source>
        <translation>Reintentar las descargas fallidas</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>&amp;Limpiar terminados</translation>
    </message>
    <message>
        <source>Clear finished files from the list</source>
        <translation>Quitar de la lista los archivos terminados</translation>
    </message>
    <message>
        <source>Making available offline: %1</source>
        <translation>Preparando para usar sin conexión: %1</translation>
    </message>
    <message numerus="yes">
        <source>Retr&amp;y %Ln failed</source>
        <translation>
            <numerusform>Reintentar %Ln &amp;fallido</numerusform>
            <numerusform>Reintentar %Ln &amp;fallidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln downloads were interrupted.</source>
        <translation>
            <numerusform>Se interrumpió %Ln descarga.</numerusform>
            <numerusform>Se interrumpieron %Ln descargas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry of %1</source>
        <translation>Reintento de %1</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Algo salió mal: %1</translation>
    </message>
    <message>
        <source>Indexing text %1 of %2</source>
        <translation>Indexando texto: %1 de %2</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>New resource</source>
        <translation>Recurso nuevo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Resembles</source>
        <translation>Se parece a</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <source>Possible duplicates: the new resource and the one it resembles</source>
        <translation>Posibles duplicados: el recurso nuevo y aquel al que se parece</translation>
    </message>
    <message>
        <source>Possible duplicates status</source>
        <translation>Estado de los posibles duplicados</translation>
    </message>
    <message>
        <source>Merge, keep &amp;existing</source>
        <translation>Combinar, conservar el &amp;existente</translation>
    </message>
    <message>
        <source>Merge the pair, keeping the existing resource and folding the new one into it</source>
        <translation>Combinar el par: conservar el recurso existente e incorporar en él el nuevo</translation>
    </message>
    <message>
        <source>Merge, keep &amp;new</source>
        <translation>Combinar, conservar el &amp;nuevo</translation>
    </message>
    <message>
        <source>Merge the pair, keeping the new resource and folding the existing one into it</source>
        <translation>Combinar el par: conservar el recurso nuevo e incorporar en él el existente</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>Dismiss: they are different resources</source>
        <translation>Descartar: son recursos distintos</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the possible duplicates</source>
        <translation>Cerrar los posibles duplicados</translation>
    </message>
    <message>
        <source>(no longer in the library)</source>
        <translation>(ya no está en la biblioteca)</translation>
    </message>
    <message>
        <source>No possible duplicates: nothing to review.</source>
        <translation>No hay posibles duplicados: nada que revisar.</translation>
    </message>
    <message>
        <source>Merged: kept “%1” (batch %2; undo it from Import history).</source>
        <translation>Combinados: se conservó «%1» (lote %2; se deshace desde el Historial de importaciones).</translation>
    </message>
    <message>
        <source>Dismissed: “%1” is no longer flagged.</source>
        <translation>Descartado: «%1» ya no está marcado.</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>No se hizo: %1</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No results</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>¿Quiso decir:</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Quitar todos los filtros</translation>
    </message>
    <message>
        <source>Show all resources</source>
        <translation>Mostrar todos los recursos</translation>
    </message>
    <message>
        <source>Show all resources: leave the collection</source>
        <translation>Mostrar todos los recursos: salir de la colección</translation>
    </message>
    <message>
        <source>The search index is being built. The results will appear as soon as it is ready.</source>
        <translation>Se está creando el índice de búsqueda. Los resultados aparecerán en cuanto esté listo.</translation>
    </message>
    <message>
        <source>“%1” is empty. To add resources: choose “All resources” under Collections, select rows, then drag them onto “%1”, or right-click them and choose Add to collection.</source>
        <translation>«%1» está vacía. Para agregar recursos: elija «Todos los recursos» en Colecciones, seleccione filas y arrástrelas sobre «%1», o haga clic derecho sobre ellas y elija Agregar a la colección.</translation>
    </message>
    <message>
        <source>No resources of “%1” match. Clear the filters or try other words.</source>
        <translation>Ningún recurso de «%1» coincide. Quite los filtros o pruebe otras palabras.</translation>
    </message>
    <message>
        <source>No resources of “%1” match. Try other words.</source>
        <translation>Ningún recurso de «%1» coincide. Pruebe otras palabras.</translation>
    </message>
    <message>
        <source>No resources match. Clear the filters or try other words.</source>
        <translation>Ningún recurso coincide. Quite los filtros o pruebe otras palabras.</translation>
    </message>
    <message>
        <source>No resources match. Try other words.</source>
        <translation>Ningún recurso coincide. Pruebe otras palabras.</translation>
    </message>
    <message>
        <source>Search for %1 instead</source>
        <translation>Buscar %1 en su lugar</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Mensaje de error</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Detalles del error</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Mostrar &amp;detalles</translation>
    </message>
    <message>
        <source>Shows the technical details of the error</source>
        <translation>Muestra los detalles técnicos del error</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copiar detalles</translation>
    </message>
    <message>
        <source>Copies the technical details to the clipboard</source>
        <translation>Copia los detalles técnicos al portapapeles</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Ocultar &amp;detalles</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Exporting resources…</source>
        <translation>Exportando recursos…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Progreso de la exportación</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln resources to %1.</source>
        <translation>
            <numerusform>Se exportó %Ln recurso a %1.</numerusform>
            <numerusform>Se exportaron %Ln recursos a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>La exportación se canceló; no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
</context>
<context>
    <name>FacetGroup</name>
    <message>
        <source>%1 filter, expand or collapse</source>
        <translation>Filtro %1, expandir o contraer</translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation>Valores de %1</translation>
    </message>
    <message>
        <source>Check values to narrow the results; Space toggles</source>
        <translation>Marque valores para acotar los resultados; la barra espaciadora marca o desmarca</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Mostrar más</translation>
    </message>
    <message>
        <source>Show more %1 values</source>
        <translation>Mostrar más valores de %1</translation>
    </message>
    <message>
        <source>Show fewer</source>
        <translation>Mostrar menos</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln more</source>
        <translation>
            <numerusform>Mostrar %Ln más</numerusform>
            <numerusform>Mostrar %Ln más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacetSidebar</name>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
</context>
<context>
    <name>Facets</name>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <source>Available offline</source>
        <translation>Disponible sin conexión</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>Sin especificar</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>from %1</source>
        <translation>desde %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>hasta %1</translation>
    </message>
    <message>
        <source>Active filters</source>
        <translation>Filtros activos</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Filtros:</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Quitar todos</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Quitar todos los filtros</translation>
    </message>
    <message>
        <source>Published: %1</source>
        <translation>Publicación: %1</translation>
    </message>
    <message>
        <source>Remove filter %1</source>
        <translation>Quitar el filtro %1</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Quitar este filtro</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document</source>
        <translation>Buscar en el documento</translation>
    </message>
    <message>
        <source>Type words to find in this document; Enter goes to the next match, Shift+Enter to the previous one</source>
        <translation>Escriba palabras para buscarlas en este documento; Intro va a la siguiente coincidencia y Mayús+Intro a la anterior</translation>
    </message>
    <message>
        <source>Find in this document (%1)</source>
        <translation>Buscar en este documento (%1)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Coincidencia siguiente</translation>
    </message>
    <message>
        <source>Find result</source>
        <translation>Resultado de la búsqueda</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln matches</source>
        <translation>
            <numerusform>%1 de %Ln coincidencia</numerusform>
            <numerusform>%1 de %Ln coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>No searchable text in this document</source>
        <translation>Este documento no tiene texto en el que buscar</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message numerus="yes">
        <source>%Ln matches</source>
        <translation>
            <numerusform>%Ln coincidencia</numerusform>
            <numerusform>%Ln coincidencias</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizados</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitidos</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>Historial de importaciones</translation>
    </message>
    <message>
        <source>Import batches, newest first</source>
        <translation>Lotes de importación, los más recientes primero</translation>
    </message>
    <message>
        <source>Why the selected batch can or cannot be undone</source>
        <translation>Por qué se puede o no deshacer el lote seleccionado</translation>
    </message>
    <message>
        <source>Outcome of the last undo</source>
        <translation>Resultado de la última acción de deshacer</translation>
    </message>
    <message>
        <source>&amp;Undo import…</source>
        <translation>&amp;Deshacer importación…</translation>
    </message>
    <message>
        <source>Undo the selected import</source>
        <translation>Deshacer la importación seleccionada</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Refresh the import history</source>
        <translation>Actualizar el historial de importaciones</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the import history</source>
        <translation>Cerrar el historial de importaciones</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>undone %1</source>
        <translation>deshecho el %1</translation>
    </message>
    <message>
        <source>Nothing has been imported into this library yet.</source>
        <translation>Todavía no se ha importado nada en esta biblioteca.</translation>
    </message>
    <message>
        <source>Checking whether batch %1 can be undone…</source>
        <translation>Comprobando si se puede deshacer el lote %1…</translation>
    </message>
    <message>
        <source>Batch %1 cannot be undone: %2</source>
        <translation>El lote %1 no se puede deshacer: %2</translation>
    </message>
    <message>
        <source>Batch %1 can be undone: its changes are reverted exactly.</source>
        <translation>El lote %1 se puede deshacer: sus cambios se revierten exactamente.</translation>
    </message>
    <message>
        <source>Undo batch %1? Resources it added are removed and the ones it changed are put back as they were.</source>
        <translation>¿Deshacer el lote %1? Los recursos que agregó se eliminan y los que cambió vuelven a quedar como estaban.</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Deshacer importación</translation>
    </message>
    <message>
        <source>Batch %1 undone: %2 removed, %3 restored.</source>
        <translation>Lote %1 deshecho: eliminados: %2; restaurados: %3.</translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation>No se deshizo: %1</translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln nuevo</numerusform>
            <numerusform>%Ln nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updates</source>
        <translation>
            <numerusform>%Ln actualización</numerusform>
            <numerusform>%Ln actualizaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln sin cambios</numerusform>
            <numerusform>%Ln sin cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicates</source>
        <translation>
            <numerusform>%Ln posible duplicado</numerusform>
            <numerusform>%Ln posibles duplicados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln errors</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln warnings</source>
        <translation>
            <numerusform>%Ln advertencia</numerusform>
            <numerusform>%Ln advertencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln added</source>
        <translation>
            <numerusform>%Ln agregado</numerusform>
            <numerusform>%Ln agregados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln actualizado</numerusform>
            <numerusform>%Ln actualizados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped (unchanged or duplicates)</source>
        <translation>
            <numerusform>%Ln omitido (sin cambios o duplicado)</numerusform>
            <numerusform>%Ln omitidos (sin cambios o duplicados)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicates (%1 flagged, %2 merged, %3 skipped)</source>
        <translation>
            <numerusform>%Ln posible duplicado (marcados: %1, combinados: %2, omitidos: %3)</numerusform>
            <numerusform>%Ln posibles duplicados (marcados: %1, combinados: %2, omitidos: %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import resources</source>
        <translation>Importar recursos</translation>
    </message>
    <message>
        <source>Fi&amp;les to import (or drop files and folders here):</source>
        <translation>&amp;Archivos para importar (o suelte aquí archivos y carpetas):</translation>
    </message>
    <message>
        <source>Input format</source>
        <translation>Formato de entrada</translation>
    </message>
    <message>
        <source>Base URL for relative links of saved web pages</source>
        <translation>URL base para los enlaces relativos de las páginas web guardadas</translation>
    </message>
    <message>
        <source>https://… (resolves relative links of saved web pages)</source>
        <translation>https://… (resuelve los enlaces relativos de las páginas web guardadas)</translation>
    </message>
    <message>
        <source>Forma&amp;t:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>URL &amp;base:</translation>
    </message>
    <message>
        <source>Show preview rows</source>
        <translation>Filas de la vista previa que se muestran</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>Preview counts</source>
        <translation>Recuentos de la vista previa</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>Vista previa de la importación</translation>
    </message>
    <message>
        <source>Import status</source>
        <translation>Estado de la importación</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Import the previewed records</source>
        <translation>Importar los registros de la vista previa</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>&amp;Cancelar importación</translation>
    </message>
    <message>
        <source>Cancel the import; nothing is changed</source>
        <translation>Cancelar la importación; no se cambia nada</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the import dialog</source>
        <translation>Cerrar el cuadro de importación</translation>
    </message>
    <message>
        <source>The files could not be read: %1</source>
        <translation>No se pudieron leer los archivos: %1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing has been imported.</source>
        <translation>La importación se canceló; no se importó nada.</translation>
    </message>
    <message>
        <source>The library changed since the preview and the import would now fail (%1); nothing has been imported. The preview has been read again.</source>
        <translation>La biblioteca cambió desde la vista previa y ahora la importación fallaría (%1); no se importó nada. Se volvió a leer la vista previa.</translation>
    </message>
    <message>
        <source>The import failed (%1); nothing has been imported.</source>
        <translation>La importación falló (%1); no se importó nada.</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>Leyendo los archivos…</translation>
    </message>
    <message>
        <source>Add files or folders, or drop them here. Nothing is imported before you press Import.</source>
        <translation>Agregue archivos o carpetas, o suéltelos aquí. No se importa nada hasta que presione Importar.</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln errors)</source>
        <translation>
            <numerusform>(%Ln error)</numerusform>
            <numerusform>(%Ln errores)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to import: every record is already in the library as it is.</source>
        <translation>Nada que importar: todos los registros ya están en la biblioteca tal como son.</translation>
    </message>
    <message>
        <source>Ready: press Import to apply these changes as one batch (it can be undone).</source>
        <translation>Listo: presione Importar para aplicar estos cambios como un solo lote (se puede deshacer).</translation>
    </message>
    <message>
        <source>Detect from the content</source>
        <translation>Detectar por el contenido</translation>
    </message>
    <message>
        <source>Web page (HTML)</source>
        <translation>Página web (HTML)</translation>
    </message>
    <message>
        <source>Seed page text</source>
        <translation>Texto de página de listado</translation>
    </message>
    <message>
        <source>PDF files or a folder of PDFs</source>
        <translation>Archivos PDF o una carpeta de PDF</translation>
    </message>
    <message>
        <source>&amp;Keep both (import them, flagged for review)</source>
        <translation>Cons&amp;ervar ambos (marcados para revisión)</translation>
    </message>
    <message>
        <source>&amp;Skip them</source>
        <translation>&amp;Omitirlos</translation>
    </message>
    <message>
        <source>&amp;Merge them into the resource they resemble</source>
        <translation>Combi&amp;narlos con el recurso parecido</translation>
    </message>
    <message>
        <source>Fix the errors or remove those rows from the file; nothing has been imported.</source>
        <translation>Corrija los errores o quite esas filas del archivo; no se importó nada.</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <source>What to do with possible duplicates</source>
        <translation>Qué hacer con los posibles duplicados</translation>
    </message>
    <message>
        <source>Imported as batch %1: %2. Undo it from Tools → Import history.</source>
        <translation>Importado como lote %1: %2. Se deshace en Herramientas → Historial de importaciones.</translation>
    </message>
</context>
<context>
    <name>IndexStatus</name>
    <message>
        <source>Search index</source>
        <translation>Índice de búsqueda</translation>
    </message>
    <message>
        <source>Until the search index is ready, only the first resources are shown, and searching for words waits for it.</source>
        <translation>Hasta que el índice de búsqueda esté listo, solo se muestran los primeros recursos, y la búsqueda de palabras espera a que lo esté.</translation>
    </message>
    <message>
        <source>Building the search index… %1%</source>
        <translation>Creando el índice de búsqueda… %1%</translation>
    </message>
</context>
<context>
    <name>InputList</name>
    <message>
        <source>web page (HTML)</source>
        <translation>página web (HTML)</translation>
    </message>
    <message>
        <source>seed page text</source>
        <translation>texto de página de listado</translation>
    </message>
    <message>
        <source>PDF files (one resource each)</source>
        <translation>archivos PDF (un recurso cada uno)</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>Archivos para importar</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Agregar a&amp;rchivos…</translation>
    </message>
    <message>
        <source>Add files to import</source>
        <translation>Agregar archivos para importar</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>Agregar carpe&amp;ta…</translation>
    </message>
    <message>
        <source>Add a folder of PDFs to import</source>
        <translation>Agregar una carpeta de PDF para importar</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Remove the selected files from the import</source>
        <translation>Quitar de la importación los archivos seleccionados</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>leyendo…</translation>
    </message>
    <message>
        <source>format not recognised</source>
        <translation>formato no reconocido</translation>
    </message>
</context>
<context>
    <name>JoinServerDialog</name>
    <message>
        <source>Use TLS when the server offers it (prefer)</source>
        <translation>Usar TLS si el servidor lo ofrece (prefer)</translation>
    </message>
    <message>
        <source>Always use TLS (require)</source>
        <translation>Usar siempre TLS (require)</translation>
    </message>
    <message>
        <source>TLS and check the server&apos;s certificate (verify-full)</source>
        <translation>TLS y comprobar el certificado del servidor (verify-full)</translation>
    </message>
    <message>
        <source>No TLS (disable)</source>
        <translation>Sin TLS (disable)</translation>
    </message>
    <message>
        <source>The server cannot be reached: check the address and port, and that this computer is online (on the organisation&apos;s network or VPN).</source>
        <translation>No se puede llegar al servidor: compruebe la dirección y el puerto, y que este equipo tenga conexión (a la red de la organización o a su VPN).</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>The server asks for a password: type it above.</source>
        <translation>El servidor pide una contraseña: escríbala arriba.</translation>
    </message>
    <message>
        <source>The server has no account of that name.</source>
        <translation>El servidor no tiene ninguna cuenta con ese nombre.</translation>
    </message>
    <message>
        <source>The server has no database of that name.</source>
        <translation>El servidor no tiene ninguna base de datos con ese nombre.</translation>
    </message>
    <message>
        <source>This account may not read the library: ask an administrator for access.</source>
        <translation>Esta cuenta no puede leer la biblioteca: pida acceso a un administrador.</translation>
    </message>
    <message>
        <source>This is a PostgreSQL server, but that database holds no reslib library.</source>
        <translation>Es un servidor PostgreSQL, pero esa base de datos no contiene ninguna biblioteca de reslib.</translation>
    </message>
    <message>
        <source>The server does not accept this connection without TLS (or not from this computer at all): choose “Always use TLS”, else ask its administrator.</source>
        <translation>El servidor solo acepta esta conexión con TLS (o quizá tampoco desde este equipo): elija «Usar siempre TLS»; si sigue sin funcionar, consulte a su administrador.</translation>
    </message>
    <message>
        <source>The server does not accept this account from this computer: ask its administrator.</source>
        <translation>El servidor rechaza esta cuenta desde este equipo: consulte a su administrador.</translation>
    </message>
    <message>
        <source>The server does not offer TLS, but the TLS setting requires it.</source>
        <translation>El servidor no ofrece TLS, pero la opción de TLS lo exige.</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate could not be checked (unknown authority or another host name).</source>
        <translation>No se pudo comprobar el certificado TLS del servidor (autoridad desconocida u otro nombre de servidor).</translation>
    </message>
    <message>
        <source>The address has a setting the server library does not understand.</source>
        <translation>La dirección lleva una opción que la biblioteca del servidor no entiende.</translation>
    </message>
    <message>
        <source>Join a server</source>
        <translation>Unirse a un servidor</translation>
    </message>
    <message>
        <source>What joining does</source>
        <translation>Qué hace unirse</translation>
    </message>
    <message>
        <source>host name, or postgresql://user@host/database</source>
        <translation>nombre del servidor, o postgresql://usuario@servidor/base</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>&amp;Save the password in the system keyring</source>
        <translation>&amp;Guardar la contraseña en el llavero del sistema</translation>
    </message>
    <message>
        <source>Save the password in the system keyring</source>
        <translation>Guardar la contraseña en el llavero del sistema</translation>
    </message>
    <message>
        <source>Where the password is kept</source>
        <translation>Dónde se guarda la contraseña</translation>
    </message>
    <message>
        <source>Looking for the system keyring…</source>
        <translation>Buscando el llavero del sistema…</translation>
    </message>
    <message>
        <source>The password is never written to a file.</source>
        <translation>La contraseña nunca se escribe en un archivo.</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the password cannot be saved: it is asked each time the app starts (kept in memory only).</source>
        <translation>Este equipo carece de llavero del sistema, así que la contraseña tampoco puede guardarse: se pide cada vez que se abre la aplicación (solo se conserva en memoria).</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln resources already in this library stay on this computer and are not uploaded. Where the server has the same resource, fields changed on only one side are kept; a field changed on both shows the server&apos;s value and waits in Sync → Conflicts with yours. A copy of the library as it is now is kept beside it (.before-join.bak).</source>
        <translation>
            <numerusform>El %Ln recurso que ya tiene esta biblioteca se queda en este equipo y no se sube. Si el servidor tiene el mismo recurso, se conservan los campos cambiados en un solo lado; un campo cambiado en los dos muestra el valor del servidor y espera en Sincronizar → Conflictos junto al suyo. Se guarda al lado una copia de la biblioteca tal como está ahora (.before-join.bak).</numerusform>
            <numerusform>Los %Ln recursos que ya tiene esta biblioteca se quedan en este equipo y no se suben. Si el servidor tiene el mismo recurso, se conservan los campos cambiados en un solo lado; un campo cambiado en los dos muestra el valor del servidor y espera en Sincronizar → Conflictos junto al suyo. Se guarda al lado una copia de la biblioteca tal como está ahora (.before-join.bak).</numerusform>
        </translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rvidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>&amp;TLS:</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Resultado de la prueba de conexión</translation>
    </message>
    <message>
        <source>T&amp;est connection</source>
        <translation>Probar la co&amp;nexión</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>Un&amp;irse</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Conectando con el servidor…</translation>
    </message>
    <message>
        <source>administrator (may import and edit)</source>
        <translation>administrador (puede importar y editar)</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
    <message>
        <source>Connected as %1: %2.</source>
        <translation>Conectado como %1: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Library “%1”: %Ln resources.</source>
        <translation>
            <numerusform>Biblioteca «%1»: %Ln recurso.</numerusform>
            <numerusform>Biblioteca «%1»: %Ln recursos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the connection.</source>
        <translation>El servidor rechazó la conexión.</translation>
    </message>
    <message>
        <source>This library becomes a copy of the organisation&apos;s library: the server&apos;s resources arrive here, stay usable offline, and the app keeps them up to date.</source>
        <translation>Esta biblioteca pasa a ser una copia de la biblioteca de la organización: los recursos del servidor llegan aquí, se pueden usar sin conexión y la aplicación los mantiene al día.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Relevance</source>
        <translation>Relevancia</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Más antiguos primero</translation>
    </message>
    <message>
        <source>Title A–Z</source>
        <translation>Título A–Z</translation>
    </message>
    <message>
        <source>Title Z–A</source>
        <translation>Título Z–A</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Resource Library — reslib-desktop</source>
        <translation>Biblioteca de recursos — reslib-desktop</translation>
    </message>
    <message>
        <source>reslib-desktop main window</source>
        <translation>Ventana principal de reslib-desktop</translation>
    </message>
    <message>
        <source>Sort results by</source>
        <translation>Ordenar resultados por</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>&amp;Sort:</source>
        <translation>&amp;Ordenar:</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Descargas</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Details and document</source>
        <translation>Detalles y documento</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Detalles</translation>
    </message>
    <message>
        <source>D&amp;ocument</source>
        <translation>Docu&amp;mento</translation>
    </message>
    <message>
        <source>Result count</source>
        <translation>Número de resultados</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Quitar todos los filtros</translation>
    </message>
    <message>
        <source>&amp;About reslib-desktop</source>
        <translation>Acerca &amp;de reslib-desktop</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Offline</source>
        <translation>&amp;Sin conexión</translation>
    </message>
    <message>
        <source>Make the selection available offline</source>
        <translation>Tener la selección disponible sin conexión</translation>
    </message>
    <message>
        <source>Make all results available offline</source>
        <translation>Tener todos los resultados disponibles sin conexión</translation>
    </message>
    <message>
        <source>Make the whole library available offline</source>
        <translation>Tener toda la biblioteca disponible sin conexión</translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation>Mostrar descargas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln resources</source>
        <translation>
            <numerusform>%1 de %Ln recurso</numerusform>
            <numerusform>%1 de %Ln recursos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected resources</source>
        <translation>
            <numerusform>%Ln recurso seleccionado</numerusform>
            <numerusform>%Ln recursos seleccionados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading the attachments of %Ln resources…</source>
        <translation>
            <numerusform>Descargando los adjuntos de %Ln recurso…</numerusform>
            <numerusform>Descargando los adjuntos de %Ln recursos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Select resources to make available offline</source>
        <translation>Seleccione recursos para tenerlos disponibles sin conexión</translation>
    </message>
    <message>
        <source>the current results</source>
        <translation>los resultados actuales</translation>
    </message>
    <message>
        <source>The whole library</source>
        <translation>Toda la biblioteca</translation>
    </message>
    <message>
        <source>Delete removes resources from the collection shown; none is shown</source>
        <translation>Supr quita recursos de la colección mostrada; no se muestra ninguna</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Get the organisation library&apos;s changes and upload yours (F5)</source>
        <translation>Obtener los cambios de la biblioteca de la organización y subir los suyos (F5)</translation>
    </message>
    <message>
        <source>Sync &amp;conflicts…</source>
        <translation>&amp;Conflictos de sincronización…</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Sincroni&amp;zar</translation>
    </message>
    <message>
        <source>Offline: working from this computer&apos;s copy</source>
        <translation>Sin conexión: se trabaja con la copia de este equipo</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>La sincronización falló: %1</translation>
    </message>
    <message>
        <source>Sync stopped: what arrived stays; the next sync goes on</source>
        <translation>Sincronización detenida: lo recibido se queda; la próxima sincronización continúa</translation>
    </message>
    <message>
        <source>the library as it was before joining: %1</source>
        <translation>la biblioteca tal como estaba antes de unirse: %1</translation>
    </message>
    <message>
        <source>Open first attachment</source>
        <translation>Abrir el primer adjunto</translation>
    </message>
    <message>
        <source>Make available offline</source>
        <translation>Tener disponible sin conexión</translation>
    </message>
    <message>
        <source>Add to collection</source>
        <translation>Agregar a la colección</translation>
    </message>
    <message>
        <source>(no collections yet: create one in the sidebar)</source>
        <translation>(todavía no hay colecciones: cree una en la barra lateral)</translation>
    </message>
    <message>
        <source>Remove from this collection</source>
        <translation>Quitar de esta colección</translation>
    </message>
    <message>
        <source>&amp;Join a server…</source>
        <translation>&amp;Unirse a un servidor…</translation>
    </message>
    <message>
        <source>Make this library a copy of the organisation&apos;s library on a server</source>
        <translation>Hacer de esta biblioteca una copia de la biblioteca de la organización en un servidor</translation>
    </message>
    <message>
        <source>S&amp;top syncing now</source>
        <translation>De&amp;tener la sincronización</translation>
    </message>
    <message>
        <source>&amp;Leave server…</source>
        <translation>&amp;Dejar el servidor…</translation>
    </message>
    <message>
        <source>Stop syncing with the server; this library and its resources stay</source>
        <translation>Dejar de sincronizar con el servidor; esta biblioteca y sus recursos se quedan</translation>
    </message>
    <message>
        <source>This library already syncs with a server: leave it first</source>
        <translation>Esta biblioteca ya se sincroniza con un servidor: déjelo primero</translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation>Uniéndose a %1…</translation>
    </message>
    <message>
        <source>Stop syncing with %1?

This library and its resources stay on this computer; the saved password is removed. You can join again later.</source>
        <translation>¿Dejar de sincronizar con %1?

Esta biblioteca y sus recursos se quedan en este equipo; se borra la contraseña guardada. Puede volver a unirse más tarde.</translation>
    </message>
    <message>
        <source>Leave server</source>
        <translation>Dejar el servidor</translation>
    </message>
    <message>
        <source>&amp;Leave server</source>
        <translation>&amp;Dejar el servidor</translation>
    </message>
    <message>
        <source>Left %1: this library no longer syncs; its resources stay</source>
        <translation>Se dejó %1: esta biblioteca ya no se sincroniza; sus recursos se quedan</translation>
    </message>
    <message>
        <source>Server password</source>
        <translation>Contraseña del servidor</translation>
    </message>
    <message>
        <source>The server %1 needs your password:</source>
        <translation>El servidor %1 necesita su contraseña:</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progreso de la descarga</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Open with system viewer</source>
        <translation>Abrir con el visor del sistema</translation>
    </message>
    <message>
        <source>Opens the file in the program the system uses for PDFs</source>
        <translation>Abre el archivo en el programa que el sistema usa para los PDF</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>Descargar de nuevo</translation>
    </message>
    <message>
        <source>Fetches a fresh copy of this attachment</source>
        <translation>Obtiene una copia nueva de este adjunto</translation>
    </message>
</context>
<context>
    <name>MetadataEditor</name>
    <message>
        <source>Read as a day: %1</source>
        <translation>Se lee como un día: %1</translation>
    </message>
    <message>
        <source>Read as a month: %1</source>
        <translation>Se lee como un mes: %1</translation>
    </message>
    <message>
        <source>Read as a year: %1</source>
        <translation>Se lee como un año: %1</translation>
    </message>
    <message>
        <source>Edit resource</source>
        <translation>Editar recurso</translation>
    </message>
    <message>
        <source>This resource no longer exists (it was deleted or merged).</source>
        <translation>Este recurso ya no existe (se eliminó o se combinó).</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Subtítulo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>e.g. February 13, 2024 · September 2020 · 2016</source>
        <translation>p. ej., February 13, 2024 · September 2020 · 2016</translation>
    </message>
    <message>
        <source>How the date is read</source>
        <translation>Cómo se lee la fecha</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>separated by ; or ,</source>
        <translation>separados por ; o ,</translation>
    </message>
    <message>
        <source>Audiences</source>
        <translation>Públicos</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Source URL</source>
        <translation>URL de origen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>e.g. en</source>
        <translation>p. ej., es</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>Su&amp;btitle:</source>
        <translation>&amp;Subtítulo:</translation>
    </message>
    <message>
        <source>Dat&amp;e:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>Ti&amp;po:</translation>
    </message>
    <message>
        <source>T&amp;opics:</source>
        <translation>T&amp;emas:</translation>
    </message>
    <message>
        <source>&amp;Audiences:</source>
        <translation>P&amp;úblicos:</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>Source U&amp;RL:</source>
        <translation>&amp;URL de origen:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Atta&amp;chments:</source>
        <translation>&amp;Adjuntos:</translation>
    </message>
    <message>
        <source>Problems with the fields</source>
        <translation>Problemas con los campos</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the resource</source>
        <translation>Guardar el recurso</translation>
    </message>
    <message>
        <source>Cancel: close without saving</source>
        <translation>Cancelar: cerrar sin guardar</translation>
    </message>
    <message>
        <source>&amp;Delete resource…</source>
        <translation>E&amp;liminar recurso…</translation>
    </message>
    <message>
        <source>Delete this resource</source>
        <translation>Eliminar este recurso</translation>
    </message>
    <message>
        <source>Not understood: kept as text, undated</source>
        <translation>No se entiende: se guarda como texto, sin fecha</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
</context>
<context>
    <name>OfflineController</name>
    <message>
        <source>The whole library</source>
        <translation>Toda la biblioteca</translation>
    </message>
    <message>
        <source>Opening an attachment</source>
        <translation>Abriendo un adjunto</translation>
    </message>
    <message>
        <source>Retrying failed downloads</source>
        <translation>Reintentando las descargas fallidas</translation>
    </message>
    <message>
        <source>Resumed downloads</source>
        <translation>Descargas reanudadas</translation>
    </message>
    <message>
        <source>no download address</source>
        <translation>sin dirección de descarga</translation>
    </message>
    <message>
        <source>no longer in the library</source>
        <translation>ya no está en la biblioteca</translation>
    </message>
</context>
<context>
    <name>OfflineProgress</name>
    <message>
        <source>Not downloaded</source>
        <translation>No descargado</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Descargando</translation>
    </message>
    <message>
        <source>Available offline</source>
        <translation>Disponible sin conexión</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitidos</translation>
    </message>
    <message>
        <source>%1 of %2 files offline, %3</source>
        <translation>%1 de %2 archivos sin conexión, %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>fallidos: %1</translation>
    </message>
    <message>
        <source>%1 of %2 attachments offline</source>
        <translation>%1 de %2 adjuntos sin conexión</translation>
    </message>
    <message>
        <source>indexing %1 of %2</source>
        <translation>indexando %1 de %2</translation>
    </message>
    <message>
        <source>and %1 more (see the list)</source>
        <translation>y %1 más (vea la lista)</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Cancelado: %1</translation>
    </message>
    <message>
        <source>%1: %2 of %3 offline</source>
        <translation>%1: %2 de %3 sin conexión</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>fallidos: %1: %2</translation>
    </message>
    <message>
        <source>%1 skipped: %2</source>
        <translation>omitidos: %1: %2</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>omitidos: %1</translation>
    </message>
    <message>
        <source>something went wrong: %1</source>
        <translation>algo salió mal: %1</translation>
    </message>
</context>
<context>
    <name>OfflineStatusButton</name>
    <message>
        <source>Offline attachments</source>
        <translation>Adjuntos sin conexión</translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation>Mostrar descargas</translation>
    </message>
    <message>
        <source>Offline attachments…</source>
        <translation>Adjuntos sin conexión…</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>fallidos: %1</translation>
    </message>
    <message>
        <source>no download addresses</source>
        <translation>sin direcciones de descarga</translation>
    </message>
    <message>
        <source>downloading %1 of %2</source>
        <translation>descargando %1 de %2</translation>
    </message>
</context>
<context>
    <name>PdfPane</name>
    <message>
        <source>PDF viewer</source>
        <translation>Visor de PDF</translation>
    </message>
    <message>
        <source>Document pages</source>
        <extracomment>Asked for the password of an encrypted PDF with a prompt text; returns None when the user cancels.</extracomment>
        <translation>Páginas del documento</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Buscar siguiente</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>Buscar anterior</translation>
    </message>
    <message>
        <source>No document is open.</source>
        <translation>No hay ningún documento abierto.</translation>
    </message>
    <message>
        <source>“%1” is protected by a password.
Enter the password to open it:</source>
        <translation>«%1» está protegido con contraseña.
Escriba la contraseña para abrirlo:</translation>
    </message>
    <message>
        <source>This document is protected by a password.</source>
        <translation>Este documento está protegido con contraseña.</translation>
    </message>
    <message>
        <source>The password is not correct. Try again.
Password for “%1”:</source>
        <translation>La contraseña no es correcta. Inténtelo de nuevo.
Contraseña de «%1»:</translation>
    </message>
    <message>
        <source>The file of this attachment is missing.</source>
        <translation>Falta el archivo de este adjunto.</translation>
    </message>
    <message>
        <source>This document is protected in a way this viewer cannot open.</source>
        <translation>Este documento tiene una protección que este visor no puede abrir.</translation>
    </message>
    <message>
        <source>This file is damaged or not a PDF.</source>
        <translation>Este archivo está dañado o no es un PDF.</translation>
    </message>
    <message>
        <source>Password required</source>
        <translation>Se necesita contraseña</translation>
    </message>
</context>
<context>
    <name>PdfToolbar</name>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Fit to width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <source>Fit whole page</source>
        <translation>Ajustar a la página</translation>
    </message>
    <message>
        <source>Open with system viewer</source>
        <translation>Abrir con el visor del sistema</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Número de página</translation>
    </message>
    <message>
        <source>Type a page number and press Enter</source>
        <translation>Escriba un número de página y presione Intro</translation>
    </message>
    <message>
        <source>Page count</source>
        <translation>Número de páginas</translation>
    </message>
    <message>
        <source>&amp;Page</source>
        <translation>&amp;Página</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Actualización</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Posible duplicado</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>Todas las filas</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>Errores y advertencias</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Actualizaciones</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <source>updates &quot;%1&quot; (%2)</source>
        <translation>actualiza «%1» (%2)</translation>
    </message>
    <message>
        <source>already in the library as &quot;%1&quot; (%2)</source>
        <translation>ya está en la biblioteca como «%1» (%2)</translation>
    </message>
</context>
<context>
    <name>ResourceDeleter</name>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>y %Ln más</numerusform>
            <numerusform>y %Ln más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete these %Ln resources from the library?</source>
        <translation>
            <numerusform>¿Eliminar este recurso de la biblioteca?</numerusform>
            <numerusform>¿Eliminar estos %Ln recursos de la biblioteca?</numerusform>
        </translation>
    </message>
    <message>
        <source>You can bring them back with Undo in Tools → Import history.</source>
        <translation>Puede recuperarlos con Deshacer en Herramientas → Historial de importaciones.</translation>
    </message>
    <message>
        <source>Delete resource</source>
        <translation>Eliminar recurso</translation>
    </message>
    <message>
        <source>Delete resources</source>
        <translation>Eliminar recursos</translation>
    </message>
    <message>
        <source>The resources were not deleted: %1</source>
        <translation>Los recursos no se eliminaron: %1</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>Fecha de publicación</translation>
    </message>
    <message>
        <source>Number of attachments (PDF files)</source>
        <translation>Número de adjuntos (archivos PDF)</translation>
    </message>
    <message>
        <source>Attachments available offline</source>
        <translation>Adjuntos disponibles sin conexión</translation>
    </message>
    <message>
        <source>new: </source>
        <translation>nuevo: </translation>
    </message>
    <message>
        <source>no date</source>
        <translation>sin fecha</translation>
    </message>
    <message>
        <source>no attachments</source>
        <translation>sin adjuntos</translation>
    </message>
    <message>
        <source>available offline</source>
        <translation>disponible sin conexión</translation>
    </message>
    <message>
        <source>not available offline</source>
        <translation>no disponible sin conexión</translation>
    </message>
    <message>
        <source>%1 of %2 attachments available offline</source>
        <translation>%1 de %2 adjuntos disponibles sin conexión</translation>
    </message>
    <message>
        <source>New since your last visit</source>
        <translation>Nuevo desde su última visita</translation>
    </message>
</context>
<context>
    <name>SavedSearchesPanel</name>
    <message>
        <source>Saved searches</source>
        <extracomment>A resource counts as viewed when the user opens one of its attachments, or picks its row (click or key) and keeps its details on screen this long: rows arrowed past, or highlighted by the window itself (the row kept after a search), are not.</extracomment>
        <translation>Búsquedas guardadas</translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation>&amp;Guardar búsqueda…</translation>
    </message>
    <message>
        <source>Saves the current words, filters and sort under a name</source>
        <translation>Guarda con un nombre las palabras, los filtros y el orden actuales</translation>
    </message>
    <message>
        <source>Enter restores a saved search; F2 renames it; Delete deletes it</source>
        <translation>Intro restaura una búsqueda guardada; F2 le cambia el nombre; Supr la elimina</translation>
    </message>
    <message>
        <source>No saved searches yet: search, then Save search.</source>
        <translation>Todavía no hay búsquedas guardadas: busque y luego use Guardar búsqueda.</translation>
    </message>
    <message>
        <source>Recently viewed</source>
        <translation>Vistos recientemente</translation>
    </message>
    <message>
        <source>Recently viewed resources</source>
        <translation>Recursos vistos recientemente</translation>
    </message>
    <message>
        <source>Enter or a click shows the resource again</source>
        <translation>Intro o un clic vuelve a mostrar el recurso</translation>
    </message>
    <message>
        <source>Resources you select appear here.</source>
        <translation>Aquí aparecen los recursos que seleccione.</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Cambiar nombre…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Could not save your searches or history: %1</source>
        <translation>No se pudieron guardar sus búsquedas ni su historial: %1</translation>
    </message>
    <message>
        <source>Words: %1</source>
        <translation>Palabras: %1</translation>
    </message>
    <message>
        <source>All resources</source>
        <translation>Todos los recursos</translation>
    </message>
    <message>
        <source>Published: %1 – %2</source>
        <translation>Publicación: %1 – %2</translation>
    </message>
    <message>
        <source>My search</source>
        <translation>Mi búsqueda</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Guardar búsqueda</translation>
    </message>
    <message>
        <source>Name of this search:</source>
        <translation>Nombre de esta búsqueda:</translation>
    </message>
    <message>
        <source>Replace the saved search “%1”?</source>
        <translation>¿Reemplazar la búsqueda guardada «%1»?</translation>
    </message>
    <message>
        <source>Rename saved search</source>
        <translation>Cambiar el nombre de la búsqueda guardada</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nombre nuevo:</translation>
    </message>
    <message>
        <source>A saved search needs a name that no other saved search has.</source>
        <translation>Una búsqueda guardada necesita un nombre que no tenga ninguna otra.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>That resource is no longer in the library.</source>
        <translation>Ese recurso ya no está en la biblioteca.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Borrar historial</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: words, &quot;a phrase&quot;, -exclude, OR, type:report, year:2019..2022</source>
        <translation>Buscar: palabras, &quot;una frase&quot;, -excluir, OR, type:report, year:2019..2022</translation>
    </message>
    <message>
        <source>Search resources</source>
        <translation>Buscar recursos</translation>
    </message>
    <message>
        <source>Type words to search titles, descriptions, topics and attachments. Use quotes for a phrase.</source>
        <translation>Escriba palabras para buscar en títulos, descripciones, temas y adjuntos. Use comillas para una frase.</translation>
    </message>
    <message>
        <source>Search hint</source>
        <translation>Sugerencia de búsqueda</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Español</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Size of all text, from 100% to 150%</source>
        <translation>Tamaño de todo el texto, de 100 % a 150 %</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>El nuevo idioma se verá la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Offline cache limit in megabytes</source>
        <translation>Límite del almacenamiento sin conexión en megabytes</translation>
    </message>
    <message>
        <source>&amp;No limit</source>
        <translation>Sin &amp;límite</translation>
    </message>
    <message>
        <source>Keep every downloaded attachment, however much space it takes</source>
        <translation>Conservar todos los adjuntos descargados, ocupen el espacio que ocupen</translation>
    </message>
    <message>
        <source>Library &amp;server on this computer or local network</source>
        <translation>&amp;Servidor de la biblioteca en este equipo o en la red local</translation>
    </message>
    <message>
        <source>Allow downloads from this computer and private network addresses; leave off unless your organisation&apos;s library server is there</source>
        <translation>Permitir descargas desde este equipo y desde direcciones de redes privadas; déjelo desactivado salvo que el servidor de la biblioteca de su organización esté allí</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Restablecer diseño</translation>
    </message>
    <message>
        <source>Puts panes, columns and filter groups back as they were when first installed</source>
        <translation>Devuelve los paneles, las columnas y los grupos de filtros a como estaban al instalar</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation>Tamaño del te&amp;xto:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Offline &amp;cache limit:</source>
        <translation>Límite del &amp;almacenamiento sin conexión:</translation>
    </message>
    <message>
        <source>Downloads:</source>
        <translation>Descargas:</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>Diseño:</translation>
    </message>
    <message>
        <source>Could not change the offline cache: %1</source>
        <translation>No se pudo cambiar el almacenamiento sin conexión: %1</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Columnas</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Anywhere</source>
        <translation>En cualquier lugar</translation>
    </message>
    <message>
        <source>In the search box</source>
        <translation>En el cuadro de búsqueda</translation>
    </message>
    <message>
        <source>In the results</source>
        <translation>En los resultados</translation>
    </message>
    <message>
        <source>In the document</source>
        <translation>En el documento</translation>
    </message>
    <message>
        <source>Go to the search box</source>
        <translation>Ir al cuadro de búsqueda</translation>
    </message>
    <message>
        <source>Clear the search box</source>
        <translation>Vaciar el cuadro de búsqueda</translation>
    </message>
    <message>
        <source>Next pane: filters, results, details, document</source>
        <translation>Panel siguiente: filtros, resultados, detalles, documento</translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation>Panel anterior</translation>
    </message>
    <message>
        <source>Go to the filters</source>
        <translation>Ir a los filtros</translation>
    </message>
    <message>
        <source>Go to the results</source>
        <translation>Ir a los resultados</translation>
    </message>
    <message>
        <source>Go to the details</source>
        <translation>Ir a los detalles</translation>
    </message>
    <message>
        <source>Go to the document</source>
        <translation>Ir al documento</translation>
    </message>
    <message>
        <source>Open the first attachment</source>
        <translation>Abrir el primer adjunto</translation>
    </message>
    <message>
        <source>Make the selection available offline</source>
        <translation>Tener la selección disponible sin conexión</translation>
    </message>
    <message>
        <source>Making resources available offline is not possible in this version.</source>
        <translation>En esta versión no se pueden tener recursos disponibles sin conexión.</translation>
    </message>
    <message>
        <source>Remove the selection from the current collection</source>
        <translation>Quitar la selección de la colección actual</translation>
    </message>
    <message>
        <source>Removing resources from a collection is not possible in this version.</source>
        <translation>En esta versión no se pueden quitar recursos de una colección.</translation>
    </message>
    <message>
        <source>Create a new collection</source>
        <translation>Crear una colección nueva</translation>
    </message>
    <message>
        <source>Show the keyboard shortcuts</source>
        <translation>Mostrar los atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>In “%1”</source>
        <translation>En «%1»</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Tab and Shift+Tab move through the window in reading order; F6 jumps between panes.</source>
        <translation>Tab y Mayús+Tab recorren la ventana en orden de lectura; F6 salta de un panel a otro.</translation>
    </message>
    <message>
        <source>One row per shortcut: the keys, what they do, and where they work</source>
        <translation>Una fila por atajo: las teclas, lo que hacen y dónde funcionan</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>never</source>
        <extracomment>Why a sync could not sign in: the window asks for the password then (see join_actions.py).</extracomment>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <source>%Ln min ago</source>
        <translation>
            <numerusform>hace %Ln min</numerusform>
            <numerusform>hace %Ln min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln h ago</source>
        <translation>
            <numerusform>hace %Ln h</numerusform>
            <numerusform>hace %Ln h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>hace %Ln día</numerusform>
            <numerusform>hace %Ln días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Subiendo</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Offline: library as of %1</source>
        <translation>Sin conexión: la biblioteca tal como estaba %1</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>La sincronización falló</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Sincronizado %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflicts</source>
        <translation>
            <numerusform>%Ln conflicto</numerusform>
            <numerusform>%Ln conflictos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to upload</source>
        <translation>
            <numerusform>%Ln por subir</numerusform>
            <numerusform>%Ln por subir</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to stop syncing (what arrived stays)</source>
        <translation>Haga clic para detener la sincronización (lo recibido se queda)</translation>
    </message>
</context>
<context>
    <name>UpgradeProgress</name>
    <message>
        <source>Updating the library</source>
        <translation>Actualizando la biblioteca</translation>
    </message>
    <message>
        <source>Updating %1 for this version of reslib-desktop…
A copy of it as it was is kept beside it.</source>
        <translation>Actualizando %1 para esta versión de reslib-desktop…
Se guarda a su lado una copia tal como estaba.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Fact sheet</source>
        <translation>Ficha informativa</translation>
    </message>
    <message>
        <source>Policy and guidance</source>
        <translation>Políticas y orientación</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Informe breve</translation>
    </message>
    <message>
        <source>Toolkit</source>
        <translation>Kit de herramientas</translation>
    </message>
    <message>
        <source>Campaign materials</source>
        <translation>Materiales de campaña</translation>
    </message>
    <message>
        <source>State letter</source>
        <translation>Carta a los estados</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Seminario web</translation>
    </message>
    <message>
        <source>Infographic</source>
        <translation>Infografía</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>Sin especificar</translation>
    </message>
</context>
<context>
    <name>_MonthYear</name>
    <message>
        <source>Any month</source>
        <translation>Cualquier mes</translation>
    </message>
    <message>
        <source>%1 month</source>
        <translation>Mes de %1</translation>
    </message>
    <message>
        <source>Any year</source>
        <translation>Cualquier año</translation>
    </message>
    <message>
        <source>%1 year</source>
        <translation>Año de %1</translation>
    </message>
</context>
<context>
    <name>_RenameDelegate</name>
    <message>
        <source>Collection name</source>
        <translation>Nombre de la colección</translation>
    </message>
</context>
</TS>
