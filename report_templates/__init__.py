"""The documents of a pass, rendered from the Jinja templates in this folder (HTML → PDF with
WeasyPrint, the letter's .docx with docxtpl) and the workbooks (openpyxl)."""
from report_templates.render import render_documents, render_laporan

__all__ = ["render_documents", "render_laporan"]
