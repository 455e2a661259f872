"""Parts of the PDF viewer pane (`reslib_desktop.gui.pdf_pane.PdfPane`): page view, search, toolbar, find bar, messages."""
