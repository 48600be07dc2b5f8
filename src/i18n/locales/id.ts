/**
 * Bahasa Indonesia: the default and the reference catalog. Every other locale must
 * translate every key here (the type system checks it). Wording follows
 * shared/GLOSSARY.md: plain, polite, "Anda", no "submit"/"tiket"/"SLA".
 * Keep each component's keys in its own section so that parallel work does not collide.
 */
const id = {
  // --- common ---------------------------------------------------------------
  'common.close': 'Tutup',
  'common.retry': 'Coba lagi',
  'common.cancel': 'Batal',
  'common.loading': 'Memuat…',
  'common.optional': '(opsional)',
  'common.copy': 'Salin',
  'common.copied': 'Tersalin',

  // --- domain: classifications and statuses ----------------------------------
  'classification.complaint': 'Pengaduan',
  'classification.aspiration': 'Aspirasi',
  'classification.info_request': 'Permintaan Informasi',
  'status.draft': 'Draf',
  'status.queued': 'Menunggu koneksi',
  'status.submitted': 'Belum diverifikasi',
  'status.verified': 'Terverifikasi',
  'status.forwarded': 'Diteruskan ke instansi',
  'status.in_progress': 'Ditindaklanjuti',
  'status.responded': 'Ditanggapi',
  'status.completed': 'Selesai',
  'status.on_hold': 'Ditunda',
  'status.archived': 'Diarsipkan',

  // --- report fields (names used in error messages and labels) ---------------
  'field.classification': 'Klasifikasi laporan',
  'field.title': 'Judul laporan',
  'field.body': 'Isi laporan',
  'field.incidentDate': 'Tanggal kejadian',
  'field.location': 'Lokasi kejadian',
  'field.location.text': 'Lokasi kejadian',
  'field.origin': 'Asal pelapor',
  'field.institutionId': 'Instansi tujuan',
  'field.categoryId': 'Kategori',
  'field.attachmentIds': 'Lampiran',
  'field.anonymous': 'Anonim',
  'field.secret': 'Rahasia',
  'field.reporter.name': 'Nama',
  'field.reporter.phone': 'Nomor HP',
  'field.reporter.email': 'Email',
  'field.message': 'Balasan',
  'field.score': 'Penilaian',
  'field.comment': 'Komentar',
  'field.reason': 'Alasan',
  'field.trackingId': 'Nomor pelacakan',
  'field.accessToken': 'Kode akses',
  'field.unknown': 'Isian',

  // --- field errors: {field} is the field's name from field.* ---------------
  'fieldError.required': '{field} wajib diisi.',
  'fieldError.too_short': '{field} terlalu pendek: minimal {min} karakter.',
  'fieldError.too_long': '{field} terlalu panjang: maksimal {max} karakter.',
  'fieldError.too_many': '{field} terlalu banyak: maksimal {max}.',
  'fieldError.too_small': '{field} minimal {min}.',
  'fieldError.too_big': '{field} maksimal {max}.',
  'fieldError.invalid': '{field} tidak valid.',
  'fieldError.invalid_format': 'Format {field} tidak valid.',
  'fieldError.invalid_characters': '{field} berisi karakter yang tidak diizinkan.',
  'fieldError.contains_nik': '{field} tampaknya berisi NIK. Demi keamanan Anda, hapus nomor NIK dari teks.',
  'fieldError.in_future': '{field} tidak boleh di masa depan.',
  'fieldError.unknown_value': '{field} tidak dikenal.',

  // --- errors from the gateway and the SDK ----------------------------------
  'error.validation_failed': 'Ada isian yang perlu diperbaiki.',
  'error.bad_request': 'Permintaan tidak dapat diproses.',
  'error.unauthorized': 'Kode akses diperlukan atau salah.',
  'error.forbidden': 'Anda tidak berwenang melakukan ini.',
  'error.not_found': 'Data tidak ditemukan.',
  'error.report_not_found': 'Laporan tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.',
  'error.conflict': 'Permintaan bertentangan dengan data yang ada.',
  'error.idempotency_conflict': 'Kunci pengiriman ini sudah dipakai untuk laporan lain.',
  'error.idempotency_key_required': 'Header Idempotency-Key wajib ada.',
  'error.illegal_transition': 'Laporan berstatus "{status}" tidak dapat di-{action}.',
  'error.payload_too_large': 'Ukuran data terlalu besar (maksimal {max}).',
  'error.unsupported_media_type': 'Jenis berkas tidak didukung. Gunakan PDF, JPG, atau PNG.',
  'error.rate_limited': 'Terlalu banyak permintaan. Coba lagi dalam {seconds} detik.',
  'error.site_key_invalid': 'Kunci situs tidak dikenal.',
  'error.origin_not_allowed': 'Situs ini tidak terdaftar untuk kunci situs tersebut.',
  'error.ticket_expired': 'Sesi pemantauan sudah kedaluwarsa.',
  'error.upstream_unavailable': 'Layanan LAPOR! sedang tidak dapat dihubungi.',
  'error.internal': 'Terjadi kesalahan pada server. Coba lagi nanti.',
  'error.network': 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  'error.timeout': 'Server terlalu lama menjawab. Coba lagi.',
  'error.response': 'Jawaban server tidak sesuai format.',
  'error.http': 'Server menjawab dengan kesalahan ({status}).',

  // --- durations (countdown and deadlines) -----------------------------------
  'duration.days': { other: '{n} hari' },
  'duration.hours': { other: '{n} jam' },
  'duration.minutes': { other: '{n} menit' },
  'duration.seconds': { other: '{n} detik' },
  'duration.workingDays': { other: '{n} hari kerja' },

  // --- sla-countdown ----------------------------------------------------------

  // --- report-form -----------------------------------------------------------

  // --- report-status ---------------------------------------------------------

  // --- my-reports -------------------------------------------------------------

  // --- widget (launcher and dialog) ------------------------------------------
} as const;

export default id;
