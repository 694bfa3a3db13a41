"""API routes of the billing app (mounted under /api/ by engagement.api_urls)."""

from django.urls import path

from .api import acts, advances, claims, fees, invoices, partner, payments, reports, work

urlpatterns = [
    *fees.urlpatterns,
    *work.urlpatterns,
    path("advances/", advances.AdvanceListApi.as_view(), name="advance_list"),
    path("advances/<int:pk>/", advances.AdvanceDetailApi.as_view(), name="advance_detail"),
    path("advances/<int:pk>/paid/", advances.AdvancePaidApi.as_view(), name="advance_paid"),
    path("advances/<int:pk>/confirm/", advances.AdvanceConfirmApi.as_view(), name="advance_confirm"),
    path("advances/<int:pk>/reject/", advances.AdvanceRejectApi.as_view(), name="advance_reject"),
    path("advances/<int:pk>/override/", advances.AdvanceOverrideApi.as_view(), name="advance_override"),
    path("advances/<int:pk>/spendings/", advances.AdvanceSpendingsApi.as_view(), name="advance_spendings"),
    path("invoices/", invoices.InvoiceListApi.as_view(), name="invoice_list"),
    path("invoices/<int:pk>/", invoices.InvoiceDetailApi.as_view(), name="invoice_detail"),
    path("invoices/<int:pk>/lines/", invoices.InvoiceLinesApi.as_view(), name="invoice_lines"),
    path("invoices/<int:pk>/lines/include/", invoices.InvoiceLinesIncludeApi.as_view(), name="invoice_lines_include"),
    path("invoices/<int:pk>/lines/<int:line_pk>/", invoices.InvoiceLineApi.as_view(), name="invoice_line"),
    path("invoices/<int:pk>/issue/", invoices.InvoiceIssueApi.as_view(), name="invoice_issue"),
    path("invoices/<int:pk>/cancel/", invoices.InvoiceCancelApi.as_view(), name="invoice_cancel"),
    path("invoices/<int:pk>/pdf/", invoices.InvoicePdfApi.as_view(), name="invoice_pdf"),
    path(
        "matters/<int:pk>/advance-balance/", advances.MatterAdvanceBalanceApi.as_view(), name="matter_advance_balance"
    ),
    path("acts/", acts.ActListApi.as_view(), name="act_list"),
    path("matters/<int:pk>/act-preview/", acts.ActPreviewApi.as_view(), name="act_preview"),
    path("acts/<int:pk>/", acts.ActDetailApi.as_view(), name="act_detail"),
    path("acts/<int:pk>/correct/", acts.ActCorrectApi.as_view(), name="act_correct"),
    path("acts/<int:pk>/dispatch/", acts.ActDispatchApi.as_view(), name="act_dispatch"),
    path("acts/<int:pk>/accept/", acts.ActAcceptApi.as_view(), name="act_accept"),
    path("acts/<int:pk>/object/", acts.ActObjectApi.as_view(), name="act_object"),
    path("acts/<int:pk>/pdf/", acts.ActPdfApi.as_view(), name="act_pdf"),
    path("acts/<int:pk>/upd/", acts.ActUpdPdfApi.as_view(), name="act_upd_pdf"),
    path("payments/", payments.PaymentListApi.as_view(), name="payment_list"),
    path("payments/<int:pk>/", payments.PaymentDetailApi.as_view(), name="payment_detail"),
    path("payments/<int:pk>/match/", payments.PaymentMatchApi.as_view(), name="payment_match"),
    path("payments/<int:pk>/ignore/", payments.PaymentIgnoreApi.as_view(), name="payment_ignore"),
    path("matters/<int:pk>/settlement/", reports.MatterSettlementApi.as_view(), name="matter_settlement"),
    path("matters/<int:pk>/reports/", reports.MatterReportsApi.as_view(), name="matter_reports"),
    path("matters/<int:pk>/termination/", reports.MatterTerminationApi.as_view(), name="matter_termination"),
    path("reports/<int:pk>/", reports.ReportDetailApi.as_view(), name="report_detail"),
    path("reports/<int:pk>/pdf/", reports.ReportPdfApi.as_view(), name="report_pdf"),
    path("payments/<int:pk>/unmatch/", payments.PaymentUnmatchApi.as_view(), name="payment_unmatch"),
    path("bank-statements/", payments.StatementImportApi.as_view(), name="bank_statement_import"),
    *partner.urlpatterns,
    path("claims/", claims.ClaimListApi.as_view(), name="claim_list"),
    path("claims/<int:pk>/", claims.ClaimDetailApi.as_view(), name="claim_detail"),
    path("claims/<int:pk>/decide/", claims.ClaimDecideApi.as_view(), name="claim_decide"),
    path("adjustments/", claims.AdjustmentListApi.as_view(), name="adjustment_list"),
    path("adjustments/<int:pk>/pay-out/", claims.AdjustmentPayOutApi.as_view(), name="adjustment_pay_out"),
]
