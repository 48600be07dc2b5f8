/**
 * Bahasa Indonesia: the default and the reference catalog. Every other locale must
 * translate every key here (the type system checks it). Wording follows
 * shared/GLOSSARY.md: plain, polite, "Anda", no "submit"/"tiket"/"SLA".
 * Keep each component's keys in its own section so that parallel work does not collide.
 *
 * Each section is a named export, registered by the module that uses it
 * (i18n/register/*), so a bundle ships only the strings of what it contains: the SDK
 * alone carries `sdk`, the first download has no status-view strings. Keys stay flat
 * (`t('form.heading')`); a new section needs its twin in every locale and a register
 * module. No default export: an object holding every section would keep them all alive.
 */

/** Shared by every element (LaporElement): buttons, classifications, statuses, durations. */
export const common = {
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
  // GLOSSARY: what a citizen would say; "Tindak lanjuti" stays the admin's action.
  'status.in_progress': 'Sedang ditangani',
  'status.responded': 'Ditanggapi',
  'status.completed': 'Selesai',
  'status.on_hold': 'Ditunda',
  'status.archived': 'Diarsipkan',

  // --- durations (countdown and deadlines) -----------------------------------
  'duration.days': { other: '{n} hari' },
  'duration.hours': { other: '{n} jam' },
  'duration.minutes': { other: '{n} menit' },
  'duration.seconds': { other: '{n} detik' },
  'duration.workingDays': { other: '{n} hari kerja' },
} as const;

/** The SDK and the contract's validation (register/sdk.ts): field names, field errors, errors. */
export const sdk = {
  // --- report fields (names used in error messages and labels) ---------------
  'field.classification': 'Jenis laporan',
  'field.title': 'Judul laporan',
  'field.body': 'Isi laporan',
  'field.incidentDate': 'Tanggal kejadian',
  'field.location': 'Lokasi kejadian',
  'field.location.text': 'Lokasi kejadian',
  'field.origin': 'Asal pelapor',
  // GLOSSARY: plain words for the citizen; the admin console keeps LAPOR!'s "Instansi tujuan".
  'field.institutionId': 'Kantor yang dituju',
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

  // --- errors the first download shows itself (no connection, anything unforeseen) ---
  'error.internal': 'Terjadi kesalahan pada server. Coba lagi nanti.',
  'error.network': 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
} as const;

/**
 * The gateway's and the SDK's other errors (register/sdk-errors.ts): registered by the
 * SDK's network layer, which is the only code that can meet them, so that the first
 * download does not carry their words (issue 27).
 */
export const sdkErrors = {
  'error.validation_failed': 'Ada isian yang perlu diperbaiki.',
  'error.bad_request': 'Permintaan tidak dapat diproses.',
  'error.unauthorized': 'Kode akses diperlukan atau salah.',
  'error.forbidden': 'Anda tidak berwenang melakukan ini.',
  'error.not_found': 'Data tidak ditemukan.',
  'error.report_not_found': 'Laporan tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.',
  'error.conflict': 'Permintaan bertentangan dengan data yang ada.',
  'error.idempotency_conflict': 'Kunci pengiriman ini sudah dipakai untuk laporan lain.',
  'error.idempotency_key_required': 'Header Idempotency-Key wajib ada.',
  'error.illegal_transition': 'Laporan berstatus "{status}" tidak dapat {action}.',
  'error.payload_too_large': 'Ukuran data terlalu besar (maksimal {max}).',
  'error.unsupported_media_type': 'Jenis berkas tidak didukung. Gunakan PDF, JPG, atau PNG.',
  'error.rate_limited': 'Terlalu banyak permintaan. Coba lagi dalam {n} detik.',
  'error.site_key_invalid': 'Kunci situs tidak dikenal.',
  'error.origin_not_allowed': 'Situs ini tidak terdaftar untuk kunci situs tersebut.',
  'error.ticket_expired': 'Sesi pemantauan sudah kedaluwarsa.',
  'error.upstream_unavailable': 'Layanan LAPOR! sedang tidak dapat dihubungi.',
  'error.timeout': 'Server terlalu lama menjawab. Coba lagi.',
  'error.response': 'Jawaban server tidak sesuai format.',
  'error.http': 'Server menjawab dengan kesalahan ({status}).',
} as const;

/** <lapor-sla-countdown>. */
export const slaCountdown = {
  // --- sla-countdown ----------------------------------------------------------
  'slaCountdown.remaining': 'Sisa {time}',
  'slaCountdown.overdue': 'Terlambat {time}',
  'slaCountdown.met': 'Selesai tepat waktu',
  'slaCountdown.breached': 'Terlambat',
  'slaCountdown.paused': 'Ditunda',
  'slaCountdown.pausedRemaining': 'Ditunda, sisa {time}',
  'slaCountdown.join': '{a} {b}',
  'slaCountdown.deadline': 'Batas waktu: {date}',
  // "N hari kerja" ends at the end of the Nth working day (DESIGN.md → Working days).
  'slaCountdown.deadlineEndOfDay': 'Paling lambat akhir hari {date}',
  'slaCountdown.estimate': 'perkiraan: hari libur {year} belum ditetapkan',
  'slaCountdown.announce.hour': 'Sisa waktu tinggal 1 jam.',
  'slaCountdown.announce.quarter': 'Sisa waktu tinggal 15 menit.',
  'slaCountdown.announce.breach': 'Batas waktu sudah terlewati.',
  'slaCountdown.withLabel': '{label}: {text}',
  'slaCountdown.clock.local.handle': 'Penanganan awal',
  'slaCountdown.clock.lapor.verify': 'Verifikasi laporan',
  'slaCountdown.clock.lapor.followup': 'Tindak lanjut instansi',
  'slaCountdown.clock.lapor.close': 'Penyelesaian laporan',
} as const;

/** <lapor-report-form>. */
export const reportForm = {
  // --- report-form -----------------------------------------------------------
  'form.heading': 'Sampaikan laporan',
  'form.required': 'Wajib diisi',
  'form.title.help': 'Ringkas dan jelas, misalnya "Jalan berlubang di depan Puskesmas Genteng".',
  'form.body.help': 'Ceritakan apa yang terjadi, di mana, dan kapan.',
  'form.body.counter': '{n}/{max} karakter',
  'form.location.help': 'Nama desa, kecamatan, atau alamatnya.',
  'form.origin.help': 'Desa/kelurahan atau kecamatan tempat Anda tinggal.',
  'form.location.useMine': 'Gunakan lokasi saya',
  'form.location.locating': 'Mencari lokasi Anda…',
  'form.location.found': 'Titik lokasi Anda ditambahkan ({lat}, {lng}).',
  'form.location.failed': 'Lokasi Anda tidak dapat dipakai. Ketik lokasi secara manual.',
  'form.search.results': { other: '{n} pilihan tersedia.' },
  'form.search.none': 'Tidak ada pilihan yang cocok. Anda tetap dapat mengetik sendiri.',
  'form.institution.help': 'Ketik nama dinas, kecamatan, atau puskesmas, lalu pilih dari daftar.',
  'form.category.placeholder': 'Pilih kategori (opsional)',
  'form.config.loading': 'Memuat daftar instansi dan kategori…',
  'form.config.failed': 'Daftar instansi dan kategori belum dapat dimuat. Anda tetap dapat mengisi laporan.',
  'form.attachments.help': 'PDF, JPG, atau PNG; maksimal {max} berkas @ {size}. Data lokasi di foto dihapus.',
  'form.attachments.pick': 'Pilih berkas',
  'form.attachments.camera': 'Ambil foto',
  'form.attachments.drop': 'atau tarik berkas ke sini',
  'form.attachments.list': 'Berkas terpilih',
  'form.attachments.progress': 'Unggahan {name}',
  'form.attachments.uploading': 'Mengunggah…',
  'form.attachments.uploaded': 'Terunggah',
  'form.attachments.waiting': 'Akan dikirim bersama laporan',
  'form.attachments.failed': 'Gagal diunggah',
  'form.attachments.remove': 'Hapus',
  'form.attachments.tooBig': '{name} terlalu besar: maksimal {max}.',
  'form.attachments.badType': '{name} bukan PDF, JPG, atau PNG.',
  'form.attachments.tooMany': '{name} tidak ditambahkan: maksimal {max} berkas.',
  'form.attachments.unreadable': '{name} tidak dapat dibaca sebagai foto.',
  'form.attachments.needsConnection': '{name} belum dapat diproses karena tidak ada koneksi. Pilih lagi saat sudah tersambung.',
  'form.anonymous.help': 'Nama dan kontak Anda tidak dikirim ke instansi dan tidak ditampilkan. Anda tetap dapat melacak laporan.',
  'form.secret.help': 'Hanya instansi yang menanganinya yang dapat membaca. Instansi tetap tahu nama Anda, kecuali Anda memilih Anonim.',
  'form.contact.anonymous': 'Anda memilih Anonim: nama dan kontak di bawah ini tidak dikirim, kecuali kontak untuk pembaruan yang Anda minta.',
  'form.offline': 'Anda sedang offline. Anda tetap dapat mengisi laporan; laporan akan dikirim otomatis saat tersambung.',
  'form.contact.summary': 'Kontak Anda (opsional)',
  'form.contact.help': 'Agar instansi dapat menghubungi Anda bila perlu. Tidak ditampilkan kepada publik.',
  'form.notify.whatsapp': 'Kirim pembaruan ke WhatsApp saya',
  'form.notify.email': 'Kirim pembaruan ke email saya',
  'form.submit': 'Kirim laporan',
  'form.submitting': 'Mengirim laporan…',
  'form.summary.heading': { other: 'Ada {n} isian yang perlu diperbaiki' },
  'form.draft.question': 'Lanjutkan draf sebelumnya?',
  'form.draft.savedAt': 'Draf terakhir disimpan {time}.',
  'form.draft.continue': 'Lanjutkan draf',
  'form.draft.discard': 'Buang dan mulai baru',
  'form.error.heading': 'Laporan belum terkirim',
  'form.error.noApi': 'Alamat layanan pengaduan belum diatur pada halaman ini, jadi laporan belum dapat dikirim.',
  'form.error.kept': 'Isian Anda tetap tersimpan di perangkat ini.',
  'form.queued.heading': 'Laporan tersimpan, belum terkirim',
  'form.queued.text': 'Belum ada koneksi, jadi laporan Anda disimpan di perangkat ini. Laporan dikirim otomatis begitu ada koneksi, juga jika Anda menutup halaman ini lalu membuka lagi halaman mana pun di situs ini.',
  'form.success.heading': 'Laporan terkirim',
  // Consistent with "Laporan saya", which shows the code again on this device (issue 24).
  'form.success.keepCode': 'Simpan nomor pelacakan dan kode akses ini, misalnya sebagai gambar. Di perangkat ini keduanya tetap ada di "Laporan saya"; di perangkat lain Anda memerlukannya untuk melihat laporan. Jangan bagikan kode akses kepada siapa pun.',
  'form.success.copy': 'Salin {what}',
  'form.success.share': 'Bagikan',
  'form.success.shareText': 'Laporan LAPOR! saya — nomor pelacakan: {trackingId}, kode akses: {accessToken}',
  'form.success.track': 'Lacak laporan',
  'form.success.saveImage': 'Simpan sebagai gambar',
  'form.success.saved': 'Gambar tersimpan di folder unduhan Anda.',
  'form.success.imageTitle': 'Laporan LAPOR! Anda',
  'form.success.another': 'Buat laporan baru',
} as const;

/** <lapor-report-status> (and the connection line of <lapor-my-reports>). */
export const reportStatus = {
  // --- report-status ---------------------------------------------------------
  'reportStatus.lookup.heading': 'Lacak laporan',
  'reportStatus.lookup.intro': 'Masukkan nomor pelacakan dan kode akses yang Anda terima saat mengirim laporan.',
  'reportStatus.lookup.trackingHint': 'Contoh: LPR 7K3M Q9XD. Huruf besar atau kecil, spasi, dan tanda hubung sama saja; "LPR" boleh tidak ditulis.',
  'reportStatus.lookup.accessHint': 'Contoh: 7KQ4M-9XDHT. Huruf besar atau kecil sama saja.',
  'reportStatus.lookup.accessFormat': 'Kode akses terdiri dari 10 huruf dan angka, misalnya 7KQ4M-9XDHT.',
  'reportStatus.lookup.trackingFormat': 'Nomor pelacakan terdiri dari 8 huruf dan angka setelah LPR, tanpa 0, O, 1, dan I, misalnya LPR 7K3M Q9XD.',
  'reportStatus.step.submitted': 'Diterima',
  'reportStatus.lookup.submit': 'Lacak laporan',
  'reportStatus.forgot.link': 'Lupa kode akses?',
  'reportStatus.noApi': 'Alamat layanan pengaduan belum diatur pada halaman ini.',
  'reportStatus.loadFailed.network': 'Status terbaru belum dapat dimuat. Periksa koneksi internet Anda.',
  'reportStatus.loadFailed.server': 'Status terbaru belum dapat dimuat karena gangguan pada server.',
  'reportStatus.changed': 'Status laporan berubah: {status}',
  'reportStatus.connection.live': 'Terhubung, pembaruan langsung',
  'reportStatus.connection.connecting': 'Menyambungkan…',
  'reportStatus.connection.polling': 'Diperbarui berkala',
  'reportStatus.connection.paused': 'Pembaruan dijeda',
  'reportStatus.connection.offline': 'Anda sedang offline. Data terakhir tetap ditampilkan.',
  'reportStatus.lastUpdated': 'Terakhir diperbarui {time}',
  'reportStatus.zone.Asia/Jakarta': 'WIB',
  'reportStatus.zone.Asia/Makassar': 'WITA',
  'reportStatus.zone.Asia/Jayapura': 'WIT',
  'reportStatus.reply.sent': 'Balasan Anda terkirim.',
  'reportStatus.rating.sent': 'Terima kasih atas penilaian Anda.',
} as const;

/** <lapor-report-status>'s report view (report-status/report-view.ts, loaded with the report). */
export const reportView = {
  'reportStatus.institution': 'Ditangani oleh {institution}',
  'reportStatus.institutionPending': 'Belum diteruskan ke instansi',
  'reportStatus.statusHeading': 'Status',
  'reportStatus.steps': 'Tahapan laporan',
  'reportStatus.stepDone': '(sudah dilalui)',
  'reportStatus.reason': 'Alasan: {reason}',
  'reportStatus.clocks': 'Sisa waktu',
  // Each clock named by the step of the stepper it waits for (issue 24: never a contradiction).
  'reportStatus.clock.local.handle': 'Mulai ditangani',
  'reportStatus.clock.lapor.verify': 'Diteruskan ke instansi',
  'reportStatus.clock.lapor.followup': 'Ditanggapi instansi',
  'reportStatus.clock.lapor.close': 'Diselesaikan',
  'reportStatus.responses': 'Tanggapan',
  'reportStatus.response.agency': 'Tanggapan {institution}',
  'reportStatus.response.agencyUnknown': 'Tanggapan instansi',
  'reportStatus.response.citizen': 'Balasan Anda',
  'reportStatus.timeline': 'Riwayat laporan',
  'reportStatus.event.updated': 'Laporan diperbarui',
  'reportStatus.event.response': 'Tanggapan diterima',
  'reportStatus.event.reply': 'Balasan Anda terkirim',
  'reportStatus.event.rating': 'Penilaian diberikan',
  'reportStatus.event.upstream': 'Diteruskan ke LAPOR!',
  'reportStatus.event.sla': 'Batas waktu terlewati',
  // Said positively: "tidak diteruskan ke LAPOR!" read as a contradiction under the title "Layanan Pengaduan LAPOR!".
  'reportStatus.upstream.disabled': 'Laporan ini ditangani langsung oleh pemerintah daerah.',
  'reportStatus.upstream.pending': 'Laporan sedang diteruskan ke LAPOR!.',
  'reportStatus.upstream.synced': 'Laporan sudah tercatat di LAPOR!.',
  'reportStatus.upstream.syncedWithId': 'Laporan sudah tercatat di LAPOR! dengan nomor {laporId}.',
  'reportStatus.upstream.failed': 'Laporan belum berhasil diteruskan ke LAPOR!. Kami akan mencoba lagi otomatis.',
  'reportStatus.sending': 'Mengirim…',
  'reportStatus.sendFailed.network': 'Belum terkirim karena tidak ada koneksi. Tulisan Anda tetap tersimpan di sini; silakan coba lagi.',
  'reportStatus.sendFailed.server': 'Belum terkirim karena gangguan pada server. Tulisan Anda tetap tersimpan di sini; silakan coba lagi.',
  'reportStatus.reply.heading': 'Balas tanggapan',
  'reportStatus.reply.label': 'Balasan Anda',
  'reportStatus.reply.until': 'Anda dapat membalas sampai {time}.',
  'reportStatus.reply.submit': 'Kirim balasan',
  'reportStatus.reply.conflict': 'Laporan ini sudah tidak dapat dibalas. Status terbaru sedang dimuat.',
  'reportStatus.rating.heading': 'Beri penilaian',
  'reportStatus.rating.legend': 'Seberapa puas Anda dengan penanganan laporan ini?',
  'reportStatus.rating.score1': '1 dari 5: Sangat tidak puas',
  'reportStatus.rating.score2': '2 dari 5: Tidak puas',
  'reportStatus.rating.score3': '3 dari 5: Cukup',
  'reportStatus.rating.score4': '4 dari 5: Puas',
  'reportStatus.rating.score5': '5 dari 5: Sangat puas',
  'reportStatus.rating.comment': 'Komentar',
  'reportStatus.rating.submit': 'Kirim penilaian',
  'reportStatus.rating.given': 'Penilaian Anda: {score} dari 5.',
  'reportStatus.rating.conflict': 'Laporan ini sudah dinilai atau belum dapat dinilai.',
} as const;

/** <lapor-my-reports>. */
export const myReports = {
  // --- my-reports -------------------------------------------------------------
  'myReports.heading': 'Laporan saya',
  'myReports.empty': 'Belum ada laporan yang tersimpan di perangkat ini. Laporan yang Anda kirim dari perangkat ini akan muncul di sini.',
  'myReports.loading': 'Memuat laporan Anda…',
  'myReports.storageError': 'Laporan yang tersimpan di perangkat ini tidak dapat dibuka.',
  'myReports.queuedNote': 'Belum terkirim: tersimpan di perangkat ini {queued}. Laporan dikirim otomatis begitu ada koneksi, juga saat Anda membuka lagi halaman mana pun di situs ini. Batas waktu penanganan baru mulai dihitung setelah laporan diterima petugas.',
  'myReports.unseen': { other: '{n} laporan berubah sejak terakhir Anda lihat' },
  'myReports.changed': 'Ada pembaruan',
  'myReports.open': 'Lihat detail',
  'myReports.close': 'Tutup detail',
  'myReports.remove': 'Hapus dari perangkat ini',
  'myReports.confirmRemove': 'Hapus laporan {trackingId} dari perangkat ini? Laporan tetap diproses; Anda masih dapat melacaknya dengan nomor pelacakan dan kode akses.',
  'myReports.confirmYes': 'Ya, hapus',
  'myReports.removed': 'Laporan {trackingId} dihapus dari perangkat ini.',
  'myReports.breached': 'Batas waktu terlewati',
  'myReports.savedAt': 'Disimpan {time}',
  'myReports.showCode': 'Tampilkan kode akses',
  'myReports.hideCode': 'Sembunyikan kode akses',
  'myReports.sentLater': 'Tersimpan di perangkat ini {queued} karena belum ada koneksi, lalu diterima petugas {received}; batas waktunya dihitung sejak itu. Simpan kode aksesnya:',
  'myReports.codeKept': 'Sudah saya simpan',
} as const;

/** <lapor-widget>. */
export const widget = {
  // --- widget (launcher and dialog) ------------------------------------------
  'widget.launcher': 'Lapor',
  'widget.unseen': '{n} laporan Anda ada kabar baru',
  'widget.title': 'Layanan Pengaduan LAPOR!',
  'widget.tabs': 'Pilihan layanan',
  'widget.tab.form': 'Buat laporan',
  'widget.tab.track': 'Lacak laporan',
  'widget.tab.mine': 'Laporan saya',
  'widget.loadFailed': 'Bagian ini memerlukan koneksi internet untuk dibuka pertama kali. Periksa koneksi Anda, lalu coba lagi.',
} as const;

/** The gateway only (gateway): admin action names in error.illegal_transition. */
export const gateway = {
  // Field names of gateway-only queries (GET /v1/locations/at): the browser never validates them.
  'field.lat': 'Garis lintang',
  'field.lng': 'Garis bujur',
  // --- gateway (admin actions, in error.illegal_transition: "tidak dapat {action}"; passive forms, written as one word) ---
  'action.verify': 'diverifikasi',
  'action.forward': 'diteruskan',
  'action.start': 'ditindaklanjuti',
  'action.respond': 'ditanggapi',
  'action.complete': 'diselesaikan',
  'action.hold': 'ditunda',
  'action.resume': 'dilanjutkan',
  'action.archive': 'diarsipkan',
  'gatewayError.json_required': 'Isi permintaan harus berupa JSON (Content-Type: application/json).',
  // --- uploaded files (POST /v1/attachments): name the file, say what to do ---
  'gatewayError.image_invalid': 'Lampiran "{name}" tidak dapat dibaca sebagai gambar {format}. Isi berkasnya tidak sesuai dengan jenisnya; pilih foto lain.',
  'gatewayError.image_too_large': 'Gambar "{name}" terlalu besar ({width}×{height} piksel; maksimal {max} megapiksel). Perkecil gambar lalu unggah kembali.',
  'gatewayError.pdf_invalid': 'Lampiran "{name}" bukan PDF yang utuh atau tidak dapat diperiksa. Simpan ulang sebagai PDF lalu unggah kembali.',
  'gatewayError.pdf_active_content': 'Lampiran "{name}" berisi konten aktif ({what}) yang tidak diizinkan. Cetak ulang ke PDF biasa (misalnya "Simpan sebagai PDF") lalu unggah kembali.',
  'gatewayError.upload_quota': 'Terlalu banyak lampiran dari perangkat ini (maksimal {count} berkas atau {bytes} per {minutes} menit). Coba lagi dalam {n} detik.',
  'gatewayError.reply_limit': 'Laporan ini sudah mencapai batas {n} balasan dari pelapor.',
  // --- LAPOR! upstream: text sent to LAPOR! (always Indonesian) and why a report is held ---
  'upstream.content.tracking': 'Nomor pelacak: {trackingId}',
  'upstream.content.location': 'Lokasi: {location}',
  'upstream.content.reporter': 'Pelapor: {name}',
  'upstream.content.rating': 'Penilaian pelapor: {score} dari 5',
  'upstream.content.forward': 'Diteruskan ke {institution}',
  'upstream.parked.mapping': 'Ditahan: LAPOR_UPSTREAM_MAP belum memetakan {table} "{key}" (dan tidak ada "default"). Lengkapi berkas pemetaan lalu mulai ulang gateway atau kirim ulang.',
  'upstream.parked.lost_answer': 'Ditahan: jawaban LAPOR! atas pembuatan aduan tidak diterima, jadi aduan itu mungkin sudah ada di LAPOR!. Cari di layar LAPOR! dengan bukti yang menyertai (judul, nomor pelacak di baris pertama isi, waktu kirim), lalu tautkan nomor aduannya; kirim ulang hanya bila memang tidak ada.',
  'upstream.parked.ambiguous': 'Ditahan: {n} aduan di LAPOR! memuat nomor pelacak ini ({ids}). Tautkan yang benar.',
  'upstream.parked.refused': 'Ditahan: LAPOR! menolak aduan ini ({error}). Perbaiki lalu kirim ulang.',
  // --- LAPOR! upstream in production (issue 22): LAPOR!'s refusals, lost answers, credentials ---
  'upstream.parked.declined': 'Ditahan: LAPOR! menolak {n} kali berturut-turut: "{message}". Perbaiki lalu kirim ulang.',
  'upstream.evidence.no_answer': 'tidak ada jawaban tercatat: proses yang mengirimnya berhenti (atau berganti) saat menunggu',
  'upstream.alert.credentials': 'LAPOR! MENOLAK KREDENSIAL GATEWAY ({what}) sejak {since}. Periksa LAPOR_UPSTREAM_AUTH, LAPOR_UPSTREAM_TOKEN dan LAPOR_UPSTREAM_AUTH_HEADER (kunci dikirim sebagai "{header}: Bearer …"; SPLP produksi: auth, API latihan: Authorization). Semua laporan tetap menunggu, tidak ada yang hilang; gateway bertanya lagi secara berkala.',
} as const;

/** <lapor-admin-queue>: the OPD admin console (glossary: "Admin actions"). */
export const adminQueue = {
  // --- admin-queue: sign in ----------------------------------------------------
  'adminQueue.heading': 'Antrean laporan',
  'adminQueue.noApi': 'Alamat server belum diatur (atribut api).',
  'adminQueue.signIn.heading': 'Masuk sebagai admin',
  'adminQueue.signIn.intro': 'Masukkan token admin instansi Anda. Token hanya disimpan di tab ini dan hilang saat tab ditutup.',
  'adminQueue.signIn.token': 'Token admin',
  'adminQueue.signIn.submit': 'Masuk',
  'adminQueue.signIn.checking': 'Memeriksa token…',
  'adminQueue.signIn.required': 'Token admin wajib diisi.',
  'adminQueue.signIn.invalid': 'Token admin tidak dikenal. Periksa kembali token Anda.',
  'adminQueue.signIn.expired': 'Token admin tidak berlaku lagi. Silakan masuk kembali.',
  'adminQueue.signOut': 'Keluar',
  'adminQueue.signedOut': 'Anda sudah keluar.',
  // --- admin-queue: the queue --------------------------------------------------
  'adminQueue.tabs': 'Bagian konsol admin',
  'adminQueue.tab.queue': 'Antrean',
  'adminQueue.tab.compliance': 'Kepatuhan',
  'adminQueue.loading': 'Memuat antrean…',
  'adminQueue.loadFailed': 'Antrean tidak dapat dimuat.',
  'adminQueue.summary': { other: '{n} laporan terbuka' },
  'adminQueue.overdueBanner': { other: '{n} laporan terlambat' },
  'adminQueue.overdueShow': 'Tampilkan hanya yang terlambat',
  'adminQueue.soon': { other: '{n} laporan harus ditindaklanjuti dalam 60 menit' },
  'adminQueue.filters': 'Saring antrean',
  'adminQueue.filter.status': 'Status',
  'adminQueue.filter.allStatuses': 'Semua status',
  'adminQueue.filter.overdue': 'Hanya yang terlambat',
  'adminQueue.filter.mine': 'Yang saya tangani',
  'adminQueue.search': 'Cari nomor pelacakan',
  'adminQueue.keys': 'Pintasan: j dan k untuk pindah laporan, Enter untuk membuka, / untuk mencari.',
  'adminQueue.empty': 'Tidak ada laporan terbuka.',
  'adminQueue.noMatch': 'Tidak ada laporan yang cocok dengan saringan.',
  'adminQueue.section.overdue': 'Terlambat',
  'adminQueue.section.onTime': 'Masih dalam batas waktu',
  'adminQueue.row.received': 'Diterima {age}',
  'adminQueue.row.overdue': 'Terlambat',
  'adminQueue.row.breachedBefore': 'Pernah terlambat',
  'adminQueue.row.noClock': 'Tidak ada batas waktu berjalan',
  'adminQueue.row.noCategory': 'Tanpa kategori',
  'adminQueue.pagination': 'Halaman antrean',
  'adminQueue.page': 'Halaman {page} dari {pages}',
  'adminQueue.prev': 'Sebelumnya',
  'adminQueue.next': 'Berikutnya',
  'adminQueue.connection.connecting': 'Menyambungkan pembaruan langsung…',
  'adminQueue.connection.live': 'Pembaruan langsung aktif',
  'adminQueue.connection.reconnecting': 'Menyambung ulang pembaruan langsung…',
  'adminQueue.connection.offline': 'Pembaruan langsung terputus. Mencoba lagi…',
  'adminQueue.newReport': 'Laporan baru masuk: {trackingId}.',
  'adminQueue.moved': 'Laporan {trackingId} sekarang: {status}.',
  'adminQueue.left': 'Laporan {trackingId} keluar dari antrean: {status}.',
  // --- admin-queue: warnings before a breach ----------------------------------
  'adminQueue.warn.heading': 'Peringatan batas waktu',
  'adminQueue.warn.60': 'Sisa 60 menit: laporan {trackingId} “{title}” harus segera ditindaklanjuti.',
  'adminQueue.warn.15': 'Sisa 15 menit: laporan {trackingId} “{title}” hampir terlambat.',
  'adminQueue.warn.open': 'Buka laporan {trackingId}',
  'adminQueue.warn.dismiss': 'Tutup peringatan',
  'adminQueue.alerts': 'Pemberitahuan tambahan',
  'adminQueue.alerts.notify': 'Notifikasi browser',
  'adminQueue.alerts.sound': 'Bunyi',
  'adminQueue.alerts.denied': 'Browser menolak notifikasi. Izinkan di pengaturan situs.',
  'adminQueue.notifyTitle': 'LAPOR! — batas waktu 4 jam',
  // --- admin-queue: one report and its actions ---------------------------------
  'adminQueue.detail.back': 'Kembali ke antrean',
  'adminQueue.detail.loading': 'Memuat laporan…',
  'adminQueue.detail.failed': 'Laporan tidak dapat dimuat.',
  'adminQueue.detail.reporter': 'Pelapor',
  'adminQueue.detail.anonymous': 'Anonim — nama pelapor tidak ditampilkan',
  'adminQueue.detail.noReporter': 'Pelapor tidak meninggalkan data diri.',
  'adminQueue.detail.location': 'Lokasi kejadian',
  'adminQueue.detail.category': 'Kategori',
  'adminQueue.detail.institution': 'Instansi tujuan',
  'adminQueue.detail.noInstitution': 'Belum ditentukan',
  'adminQueue.detail.body': 'Isi laporan',
  'adminQueue.detail.secret': 'Rahasia — laporan tidak dapat dilihat publik',
  'adminQueue.detail.reason': 'Alasan: {reason}',
  'adminQueue.detail.actions': 'Tindakan',
  'adminQueue.detail.noActions': 'Tidak ada tindakan untuk status ini.',
  'adminQueue.action.verify': 'Verifikasi',
  'adminQueue.action.forward': 'Teruskan',
  'adminQueue.action.start': 'Tindak lanjuti',
  'adminQueue.action.respond': 'Tanggapi',
  'adminQueue.action.complete': 'Selesaikan',
  'adminQueue.action.hold': 'Tunda',
  'adminQueue.action.resume': 'Lanjutkan',
  'adminQueue.action.archive': 'Arsipkan',
  'adminQueue.form.institution': 'Instansi tujuan',
  'adminQueue.form.institutionSearch': 'Cari instansi',
  'adminQueue.form.institutionNone': 'Tidak ada instansi yang cocok.',
  'adminQueue.form.institutionRequired': 'Pilih instansi tujuan.',
  'adminQueue.form.message': 'Tanggapan',
  'adminQueue.form.messageHint': 'Tanggapan ini dikirim ke pelapor dan ke LAPOR!.',
  'adminQueue.form.reason': 'Alasan',
  'adminQueue.form.tooShort': 'Tulis minimal 2 karakter.',
  'adminQueue.busy': 'Menyimpan…',
  'adminQueue.done': 'Laporan {trackingId}: {status}.',
  'adminQueue.conflict': 'Admin lain baru saja mengubah laporan ini; statusnya sekarang “{status}”. Pilihan tindakan sudah diperbarui.',
  'adminQueue.gone': 'Laporan ini sudah tidak ada di instansi Anda (mungkin sudah diteruskan).',
  'adminQueue.actionFailed': 'Tindakan gagal: {message}',
  // --- admin-queue: compliance -------------------------------------------------
  'adminQueue.compliance.heading': 'Kepatuhan batas waktu penanganan',
  'adminQueue.compliance.intro': 'Penanganan pertama paling lambat 4 jam sejak laporan diterima, 2 jam untuk kecamatan.',
  'adminQueue.compliance.from': 'Dari tanggal',
  'adminQueue.compliance.to': 'Sampai tanggal',
  'adminQueue.compliance.show': 'Tampilkan',
  'adminQueue.compliance.loading': 'Menghitung…',
  'adminQueue.compliance.failed': 'Angka kepatuhan tidak dapat dimuat.',
  'adminQueue.compliance.badRange': 'Tanggal akhir tidak boleh sebelum tanggal awal.',
  'adminQueue.compliance.empty': 'Tidak ada laporan pada periode ini.',
  'adminQueue.compliance.caption': 'Kepatuhan per instansi, {from} sampai {to}',
  'adminQueue.compliance.col.institution': 'Instansi',
  'adminQueue.compliance.col.received': 'Diterima',
  'adminQueue.compliance.col.median': 'Median waktu penanganan pertama',
  'adminQueue.compliance.col.within': 'Ditangani dalam batas waktu',
  'adminQueue.compliance.col.overdue': 'Terlambat saat ini',
  'adminQueue.compliance.limit': { other: 'batas {n} jam' },
  'adminQueue.compliance.share': '{percent} ({within} dari {judged})',
  'adminQueue.compliance.none': 'Belum ada',
  'adminQueue.compliance.chart': 'Bagian laporan yang ditangani dalam batas waktu, per instansi',
} as const;

/** "Lupa kode akses?" in <lapor-report-status>: loaded when opened (report-status/forgot-form.ts). */
export const forgotCode = {
  'forgotCode.intro': 'Isi nomor pelacakan di atas dan nomor HP atau email yang Anda berikan saat melapor. Kami mengirim kode akses baru ke sana; kode lama tetap berlaku sampai kode baru pertama kali dipakai.',
  'forgotCode.contact': 'Nomor HP atau email',
  'forgotCode.contactRequired': 'Isi nomor HP atau email yang Anda berikan saat melapor.',
  'forgotCode.submit': 'Kirim kode baru',
  'forgotCode.sent': 'Jika nomor pelacakan dan kontak tersebut cocok dengan sebuah laporan, kode akses baru sudah dikirim ke kontak itu.',
} as const;

/** Gateway: messages to citizens (email, WhatsApp) and the pages their links open. */
export const notify = {
  'notify.subject.confirmation': 'Laporan Anda {trackingId} sudah diterima',
  'notify.subject.update': 'Kabar terbaru laporan Anda {trackingId}',
  'notify.subject.code': 'Kode akses baru untuk laporan {trackingId}',
  'notify.greeting': 'Terima kasih telah melapor.',
  'notify.confirmation': 'Laporan Anda sudah kami terima dengan nomor pelacakan {trackingId}. Kode akses Anda: {code}. Simpan nomor dan kode ini: keduanya diperlukan untuk melihat laporan Anda. Jangan bagikan kode akses kepada siapa pun.',
  'notify.verified': 'Laporan Anda {trackingId} sudah diverifikasi.',
  'notify.forwarded': 'Laporan Anda {trackingId} diteruskan ke {institution}.',
  'notify.responded': '{institution} menanggapi laporan Anda {trackingId}: "{response}"',
  'notify.completed': 'Laporan Anda {trackingId} sudah selesai ditangani. Beri penilaian atas penanganannya lewat tautan di bawah.',
  'notify.archived': 'Laporan Anda {trackingId} diarsipkan. Alasan: {reason}',
  'notify.sla_breached': 'Instansi terlambat menanggapi laporan Anda {trackingId}. Kami terus memantaunya.',
  'notify.code': 'Kode akses baru untuk laporan {trackingId}: {code}. Kode lama tetap berlaku sampai kode baru ini pertama kali dipakai. Jika Anda tidak memintanya, abaikan pesan ini: kode lama Anda tetap berlaku.',
  'notify.agency': 'Instansi',
  'notify.noReason': '(tanpa alasan)',
  'notify.follow': 'Ikuti laporan Anda: {link}',
  'notify.followLink': 'Buka laporan Anda',
  'notify.optOut': 'Tidak ingin menerima pesan ini lagi? Berhenti: {link}',
  'notify.optOutLink': 'Berhenti menerima pesan tentang laporan ini',
  'notify.page.optOutTitle': 'Berhenti menerima pesan',
  'notify.page.optOutQuestion': 'Berhenti menerima pesan ({channel}) tentang laporan {trackingId}?',
  'notify.page.optOutButton': 'Ya, berhenti',
  'notify.page.optOutDone': 'Anda tidak akan menerima pesan lagi ({channel}) tentang laporan {trackingId}.',
  'notify.page.invalid': 'Tautan ini tidak valid.',
  'notify.channel.email': 'email',
  'notify.channel.whatsapp': 'WhatsApp',
  'notify.forgotSent': 'Jika nomor pelacakan dan kontak yang Anda masukkan cocok dengan sebuah laporan, kode akses baru sudah dikirim ke kontak tersebut.',
} as const;

// ==== issue 28: service hours, escalation, the public compliance board ==========

/** Service hours (jam layanan) in a countdown: registered by <lapor-sla-countdown>. */
export const serviceHours = {
  'serviceHours.due': 'Paling lambat {date}',
  'serviceHours.counted': 'Dihitung dalam jam layanan: {hours}',
} as const;

/** Gateway: escalation messages to staff (email, WhatsApp) before and after a 4-hour breach. */
export const escalation = {
  'escalation.subject.before': 'Eskalasi: laporan {trackingId} belum ditindaklanjuti, sisa {time}',
  'escalation.subject.due': 'Eskalasi: laporan {trackingId} mencapai batas waktu penanganan',
  'escalation.subject.late': 'Eskalasi: laporan {trackingId} terlambat {time}',
  'escalation.before': 'Laporan {trackingId} di {institution} belum ditindaklanjuti. Sisa waktu {time} dari batas {limit}: paling lambat {due}.',
  'escalation.due': 'Laporan {trackingId} di {institution} belum ditindaklanjuti dan batas waktu {limit} habis sekarang ({due}).',
  'escalation.late': 'Laporan {trackingId} di {institution} belum ditindaklanjuti dan sudah terlambat {time} dari batas {limit} ({due}).',
  'escalation.category': 'Kategori: {category}.',
  'escalation.role': 'Anda menerima pesan ini sebagai {role}.',
  'escalation.role.institution': 'admin instansi',
  'escalation.role.head': 'kepala instansi',
  'escalation.role.regent': 'pimpinan daerah (Bupati)',
  'escalation.open': 'Buka laporan di konsol admin: {link}',
  'escalation.openLink': 'Buka laporan di konsol admin',
  'escalation.footer': 'Pesan otomatis SOP penanganan pengaduan. Eskalasi berhenti begitu laporan ditindaklanjuti.',
  'escalation.limit': { other: '{n} jam' },
  'escalation.limitService': { other: '{n} jam layanan' },
  'escalation.noInstitution': 'instansi yang belum ditentukan',
} as const;

/** <lapor-admin-queue>: a report's escalation steps, and the link to the public board. */
export const adminEscalation = {
  'adminEscalation.heading': 'Eskalasi',
  'adminEscalation.intro': 'Pengingat otomatis sebelum batas waktu penanganan; berhenti begitu laporan ditindaklanjuti.',
  'adminEscalation.none': 'Tidak ada langkah eskalasi untuk laporan ini.',
  'adminEscalation.to.institution': 'Admin instansi',
  'adminEscalation.to.head': 'Kepala instansi',
  'adminEscalation.to.regent': 'Bupati',
  'adminEscalation.at.before': '{time} sebelum batas waktu',
  'adminEscalation.at.zero': 'Saat batas waktu',
  'adminEscalation.at.after': '{time} setelah batas waktu',
  'adminEscalation.urgent': 'mendesak: tidak menunggu jam layanan',
  'adminEscalation.forInstitution': 'untuk {institution}',
  'adminEscalation.state.planned': 'Dijadwalkan {when}',
  'adminEscalation.state.held': 'Ditahan sampai jam layanan penerima: {when}',
  'adminEscalation.state.paused': 'Menunggu: laporan sedang ditunda',
  'adminEscalation.state.queued': 'Sedang dikirim',
  'adminEscalation.state.sent': 'Terkirim {when}',
  'adminEscalation.state.failed': 'Gagal dikirim',
  'adminEscalation.state.cancelled': 'Dibatalkan: laporan sudah ditindaklanjuti',
  'adminEscalation.state.skipped': 'Dilewati: langkah berikutnya untuk penerima yang sama sudah jatuh tempo',
  'adminEscalation.state.no_contact': 'Tidak dikirim: tidak ada kontak untuk penerima ini',
  'adminEscalation.recipients': { other: '{n} penerima' },
  'adminEscalation.channel.email': 'email',
  'adminEscalation.channel.whatsapp': 'WhatsApp',
  'adminEscalation.timeline': 'Eskalasi ke {role}',
  'adminEscalation.boardLink': 'Lihat papan kinerja publik',
} as const;

/** <lapor-compliance-board>: what shows before the figures arrive (glossary: "SOP board"). */
export const complianceBoard = {
  'complianceBoard.heading': 'Kinerja penanganan pengaduan',
  'complianceBoard.intro': 'Setiap pengaduan wajib mulai ditangani paling lambat 4 jam sejak diterima, 2 jam untuk kecamatan.',
  'complianceBoard.loading': 'Memuat angka kinerja…',
  'complianceBoard.failed': 'Angka kinerja tidak dapat dimuat.',
  'complianceBoard.noApi': 'Alamat server belum diatur (atribut api).',
} as const;

/** <lapor-compliance-board>: the tables, chart and notes (loaded with the first figures). */
export const complianceBoardView = {
  'complianceBoard.period': 'Periode: {from} sampai {to}',
  'complianceBoard.period.7d': '7 hari terakhir',
  'complianceBoard.period.30d': '30 hari terakhir',
  'complianceBoard.period.month': 'Bulan ini',
  'complianceBoard.empty': 'Belum ada pengaduan pada periode ini.',
  'complianceBoard.units': 'Per instansi',
  'complianceBoard.groups': 'Per kecamatan dan kelompok puskesmas',
  'complianceBoard.caption.units': 'Kinerja per instansi, {from} sampai {to}',
  'complianceBoard.caption.groups': 'Kinerja per kecamatan (dengan kelurahan dan desanya) dan per kelompok puskesmas, {from} sampai {to}',
  'complianceBoard.sortHint': 'Pilih judul kolom untuk mengurutkan tabel.',
  'complianceBoard.sorted.ascending': 'Tabel diurutkan menurut {column}, dari kecil ke besar.',
  'complianceBoard.sorted.descending': 'Tabel diurutkan menurut {column}, dari besar ke kecil.',
  'complianceBoard.col.rank': 'Peringkat',
  'complianceBoard.col.unit': 'Instansi',
  'complianceBoard.col.group': 'Kecamatan / kelompok',
  'complianceBoard.col.received': 'Pengaduan diterima',
  'complianceBoard.col.within': 'Tepat waktu',
  'complianceBoard.col.median': 'Median waktu sampai ditangani',
  'complianceBoard.col.overdue': 'Terlambat saat ini',
  'complianceBoard.limit': { other: 'batas {n} jam' },
  'complianceBoard.limitService': { other: 'batas {n} jam layanan, {hours}' },
  'complianceBoard.share': '{percent} ({within} dari {judged})',
  'complianceBoard.none': 'Belum ada',
  'complianceBoard.unranked': 'Tidak diperingkat',
  'complianceBoard.group.kecamatan': '{name} dan kelurahan/desanya',
  'complianceBoard.group.puskesmas': 'Puskesmas di bawah {name}',
  'complianceBoard.members': { other: '{n} unit' },
  'complianceBoard.chart': 'Persentase pengaduan yang mulai ditangani tepat waktu, per instansi (sama dengan kolom “Tepat waktu”)',
  'complianceBoard.note.rank': 'Hanya instansi dengan sedikitnya {n} pengaduan pada periode ini yang diberi peringkat, agar satu-dua laporan tidak menentukan urutan.',
  'complianceBoard.note.within': '“Tepat waktu”: dari pengaduan yang sudah ditangani atau sudah melewati batas, berapa yang mulai ditangani dalam batas waktunya.',
  'complianceBoard.note.privacy': 'Hanya angka: tanpa nomor laporan, isi, lokasi, atau identitas pelapor.',
  'complianceBoard.updated': 'Data per {time}',
  // Field names in the endpoint's errors (GET /v1/public/compliance).
  'field.from': 'Tanggal awal',
  'field.to': 'Tanggal akhir',
  'field.institution': 'Instansi',
};

// === Issue 24: a form a phone can finish, a queued report that really goes, one clear
// sentence about the deadline, an admin console for people who cannot see it. Each
// section is registered by the module that shows it (i18n/register/*). ===

/** <lapor-report-form>: the office left to the officers, updates in plain sight, the place of "Gunakan lokasi saya". */
export const formPhone = {
  'form.institution.auto': 'Biar petugas yang menentukan',
  'form.institution.choose': 'Pilih kantor sendiri',
  'form.updates.legend': 'Kabar perkembangan laporan',
  'form.updates.help': 'Tanpa centang, kami tidak mengirim pesan apa pun.',
  'form.contact.summaryName': 'Nama dan kontak untuk petugas (opsional)',
} as const;

/** <lapor-widget>: the launcher while reports wait on the device. */
export const launcherPending = {
  'widget.pending': '{n} belum terkirim',
} as const;

/** A deadline as a person says it (shared/deadline-words.ts): the status view and the confirmation page. */
export const deadlineWords = {
  'deadline.today': 'pukul {time}',
  'deadline.onDay': '{day} pukul {time}',
  'deadline.endOfDay': 'akhir hari {day}',
} as const;

/** <lapor-report-status>: the sentence it leads with (report-status/promise.ts) and the other clocks. */
export const deadlinePromise = {
  'promise.running': '{who} seharusnya {action} paling lambat {due} — sisa {left}.',
  'promise.late': '{who} seharusnya {action} paling lambat {due} — sudah terlambat {late}.',
  'promise.action.local.handle': 'mulai menangani laporan Anda',
  'promise.action.lapor.verify': 'memeriksa laporan Anda dan meneruskannya ke instansi yang berwenang',
  'promise.action.lapor.followup': 'menanggapi laporan Anda',
  'promise.action.lapor.close': 'menyelesaikan laporan Anda',
  'promise.who.officers': 'Petugas pengaduan',
  'promise.paused': 'Laporan ini ditunda, jadi batas waktunya berhenti sementara. Saat dilanjutkan, waktu berjalan lagi dari sisa yang ada.',
  'promise.next.running.contact': 'Jika batas itu terlewati, hubungi {who} lewat {contact}, atau laporkan keterlambatan ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor {number}.',
  'promise.next.running.lapor': 'Jika batas itu terlewati, laporkan keterlambatan ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor {number}.',
  'promise.next.late.contact': 'Hubungi {who} lewat {contact}, atau laporkan keterlambatan ini ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor {number}.',
  'promise.next.late.lapor': 'Laporkan keterlambatan ini ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor {number}.',
  'promise.contact.phone': 'telepon {value}',
  'promise.contact.whatsapp': 'WhatsApp {value}',
  'promise.contact.email': 'email {value}',
  'promise.contact.url': '{value}',
  'promise.contact.or': ' atau ',
  'promise.number.lapor': 'LAPOR! {id}',
  'promise.otherClocks': 'Batas waktu lainnya',
  'promise.clock.met': 'Tepat waktu ({time})',
} as const;

/** <lapor-my-reports>: a report sent from the outbox, said truthfully (issue 24). */
export const sentFromOutbox = {
  'myReports.sentReceived': 'Diterima petugas {received}; batas waktunya dihitung sejak itu. Simpan kode aksesnya:',
  'myReports.sentKeep': 'Simpan kode akses laporan ini:',
} as const;

/** <lapor-report-form>'s screens after a submit (after-submit.ts): the GOV.UK confirmation pattern. */
export const afterSubmit = {
  'confirm.received': 'Diterima petugas pukul {time}.',
  'confirm.next.heading': 'Apa yang terjadi selanjutnya',
  'confirm.next.handle': '{who} seharusnya mulai menangani laporan Anda paling lambat {due}, {limit} sejak laporan diterima.',
  'confirm.next.checked': 'Petugas akan memeriksa laporan Anda dan meneruskannya ke instansi yang berwenang.',
  'confirm.who.officers': 'Petugas pengaduan',
  'confirm.next.updates': 'Kami akan mengirim kabar perkembangan laporan ke {channels}.',
  'confirm.next.noUpdates': 'Anda tidak meminta kabar lewat WhatsApp atau email. Lihat perkembangannya di "Laporan saya" di perangkat ini, atau lewat "Lacak laporan" dengan nomor pelacakan dan kode akses.',
  'confirm.channel.whatsapp': 'WhatsApp {contact}',
  'confirm.channel.email': 'email {contact}',
  'confirm.and': ' dan ',
} as const;

/** <lapor-admin-queue> for people who cannot see it: each row's name, the warning list. */
export const adminA11y = {
  'adminA11y.left': 'sisa {time}',
  'adminA11y.late': 'terlambat {time}',
  'adminA11y.paused': 'ditunda',
  'adminA11y.warn.heading': { other: '{n} laporan harus mulai ditangani dalam 60 menit' },
  'adminA11y.warn.within15': { other: ', {n} di antaranya dalam 15 menit' },
  'adminA11y.warn.more': { other: 'dan {n} laporan lain: lihat antrean di bawah.' },
} as const;

/** <lapor-report-form>'s "saved, not sent yet" (after-submit.ts, with the validation layer). */
export const outboxWaiting = {
  'confirm.queued.clock': 'Batas waktu penanganan baru mulai dihitung saat laporan diterima petugas. Setelah terkirim, nomor pelacakan dan kode aksesnya ada di "Laporan saya".',
} as const;

/** "Gunakan lokasi saya" once asked (registered by report-form/form-work.ts, fetched after first paint). */
export const locationWords = {
  'form.location.near': 'Sekitar {place}',
  'form.location.nearHelp': 'Dari lokasi ponsel Anda; bisa meleset beberapa kilometer di dekat batas wilayah.',
  'form.location.change': 'Bukan di sini? Ubah lokasi',
  'form.location.outside': 'Lokasi Anda berada di luar wilayah layanan ini. Ketik lokasi kejadian.',
  'form.location.unnamed': 'Titik lokasi Anda ditambahkan, tetapi nama wilayahnya belum dapat dicari. Ketik nama desa atau kecamatan.',
} as const;

/** Issue 25 (developer experience): what the elements say about a host page's integration. */
export const hostIntegration = {
  // --- lapor-error's detail is always a LaporError: the wrapper for anything else ---------
  'error.unexpected': 'Terjadi kesalahan yang tidak terduga. Isian Anda tetap tersimpan; coba lagi.',
};

/**
 * Gateway: the WhatsApp channel (issue 26, gateway/channels/whatsapp/): the conversation
 * that files a report from a chat, "cek", replies. Short lines, one question per message;
 * `*…*` is WhatsApp's bold. List rows ≤ 24 characters (descriptions ≤ 72), buttons ≤ 20.
 */
export const whatsapp = {
  'whatsapp.greeting':
    'Selamat datang di layanan pengaduan {regency}, terhubung dengan SP4N-LAPOR!. Laporan Anda kami teruskan ke instansi yang berwenang, dan batas waktu penanganannya mulai dihitung saat Anda menekan *Kirim*.\n\nKetik *batal* kapan saja untuk berhenti. Type *EN* for English.',
  'whatsapp.regencyFallback': 'pemerintah daerah',
  'whatsapp.startHint': 'Kirim pesan apa saja untuk membuat laporan baru, atau ketik *cek* diikuti nomor pelacakan untuk melihat laporan Anda.',
  'whatsapp.help':
    'Cara memakai layanan ini:\n• Jawab pertanyaan kami satu per satu; pilih dari daftar atau tekan tombol.\n• *batal*: berhenti membuat laporan.\n• *cek LPR-XXXX-XXXX*: lihat status laporan (dari nomor lain tambahkan kode aksesnya).\n• *EN*: English.',
  'whatsapp.language': 'Baik, kita lanjutkan dalam Bahasa Indonesia.',
  'whatsapp.cancelled': 'Laporan dibatalkan dan tidak dikirim. Kirim pesan apa saja jika ingin membuat laporan baru.',
  'whatsapp.nothingToCancel': 'Tidak ada laporan yang sedang dibuat. Kirim pesan apa saja untuk membuat laporan baru.',
  'whatsapp.stale': 'Pilihan itu dari pesan sebelumnya dan sudah tidak berlaku.',
  'whatsapp.useList': 'Silakan pilih dari daftar: tekan tombol di bawah pesan, atau ketik nomor pilihannya.',
  'whatsapp.useButtons': 'Silakan tekan salah satu tombol di bawah.',
  'whatsapp.unsupported': 'Maaf, kami belum dapat menerima pesan suara, video, stiker, atau kontak. Kirim teks, foto, dokumen PDF, atau lokasi.',
  'whatsapp.failed': 'Maaf, pesan Anda tidak dapat kami proses karena gangguan. Silakan kirim lagi sebentar lagi.',
  'whatsapp.throttled': 'Pesan Anda terlalu banyak dalam waktu singkat. Mohon tunggu sebentar sebelum mengirim lagi.',
  'whatsapp.expired.hours': 'Laporan Anda belum dikirim dan draf kami hapus karena tidak ada balasan selama {n} jam. Kirim pesan apa saja untuk mulai lagi.',
  'whatsapp.expired.minutes': 'Laporan Anda belum dikirim dan draf kami hapus karena tidak ada balasan selama {n} menit. Kirim pesan apa saja untuk mulai lagi.',
  'whatsapp.expired.reply': 'Pesan Anda sebelumnya tidak kami teruskan sebagai balasan karena belum ada jawaban. Kirim lagi jika ingin menanggapi.',
  'whatsapp.more': 'Lainnya',
  'whatsapp.more.hint': 'Pilihan berikutnya',

  'whatsapp.ask.classification': 'Apa jenis laporan Anda?',
  'whatsapp.classification.complaint': 'Pengaduan',
  'whatsapp.classification.complaint.hint': 'Masalah layanan publik yang perlu ditangani',
  'whatsapp.classification.aspiration': 'Saran',
  'whatsapp.classification.aspiration.hint': 'Usul atau masukan untuk pemerintah',
  'whatsapp.classification.info_request': 'Permintaan informasi',
  'whatsapp.classification.info_request.hint': 'Pertanyaan tentang layanan atau informasi publik',
  'whatsapp.ask.categoryGroup': 'Laporan Anda tentang apa?',
  'whatsapp.ask.category': 'Pilih yang paling sesuai untuk {group}:',
  'whatsapp.category.unknown': 'Tidak tahu',
  'whatsapp.category.unknown.hint': 'Biar petugas yang menentukan',
  'whatsapp.ask.location': 'Di mana kejadiannya? Tekan *Kirim lokasi* untuk membagikan titik lokasi, atau ketik nama tempat, desa/kelurahan, dan kecamatannya.',
  'whatsapp.ask.origin': 'Dari mana Anda? Tekan *Kirim lokasi*, atau ketik nama desa/kelurahan dan kecamatan Anda.',
  'whatsapp.ask.locationTyped': 'Ketik nama tempat, desa/kelurahan, dan kecamatannya.',
  'whatsapp.ask.locationConfirm': 'Titik yang Anda kirim berada di sekitar *{place}* (perkiraan). Sudah benar?',
  'whatsapp.ask.locationConfirmPin': 'Titik lokasi Anda sudah kami terima, tetapi desa/kecamatannya tidak dapat kami tentukan. Pakai titik ini, atau ketik nama lokasinya?',
  'whatsapp.ask.locationPick': 'Tempat mana yang Anda maksud?',
  'whatsapp.location.none': 'Tidak ada di daftar',
  'whatsapp.location.none.hint': 'Pakai lokasi seperti yang Anda ketik',
  'whatsapp.location.tooShort': 'Nama lokasinya terlalu singkat. Ketik nama tempat, desa/kelurahan, atau kecamatannya (minimal 3 huruf).',
  'whatsapp.location.pin': 'Titik lokasi {lat}, {lng}',
  'whatsapp.location.kept': 'Lokasi Anda sudah kami terima.',
  'whatsapp.ask.date': 'Kapan kejadiannya?',
  'whatsapp.ask.dateTyped': 'Ketik tanggal kejadiannya, misalnya 20-11-2026.',
  'whatsapp.date.invalid': 'Tanggal itu tidak dapat kami baca. Ketik seperti ini: 20-11-2026.',
  'whatsapp.date.future': 'Tanggal kejadian tidak boleh setelah hari ini. Ketik tanggal lain, misalnya 20-11-2026.',
  'whatsapp.ask.story': 'Ceritakan apa yang terjadi: di mana tepatnya, sejak kapan, dan siapa yang terdampak. Jangan tulis NIK atau nomor KTP.',
  'whatsapp.ask.storyMore': 'Tambahkan keterangannya agar petugas dapat menindaklanjuti.',
  'whatsapp.ask.storyFirst': 'Ceritakan apa yang terjadi: di mana tepatnya, sejak kapan, dan siapa yang terdampak.\n\nAtau pakai pesan pertama Anda:\n"{text}"',
  'whatsapp.story.tooShort': 'Ceritanya masih terlalu singkat ({n} huruf, minimal {min}). Tambahkan keterangannya agar petugas dapat menindaklanjuti.',
  'whatsapp.story.tooLong': 'Ceritanya terlalu panjang ({n} huruf, maksimal {max}). Kirim versi yang lebih singkat.',
  'whatsapp.story.nik': 'Mohon jangan menuliskan NIK (nomor induk kependudukan) di laporan. Kirim lagi tanpa NIK.',
  'whatsapp.story.added': 'Keterangan itu kami tambahkan ke cerita Anda. Kirim foto lain, atau tekan *Lanjut*.',
  'whatsapp.ask.photos': 'Ada foto atau dokumen pendukung? Kirim sekarang (foto JPG/PNG atau PDF, maksimal 5, masing-masing maks. 2 MB), lalu tekan *Lanjut*. Tidak ada? Tekan *Lanjut*.',
  'whatsapp.photo.received': 'Lampiran {n} dari {max} kami terima. Kirim lagi, atau tekan *Lanjut*.',
  'whatsapp.photo.receivedWithCaption': 'Lampiran {n} dari {max} kami terima, dan keterangannya kami tambahkan ke cerita Anda. Kirim lagi, atau tekan *Lanjut*.',
  'whatsapp.photo.full': 'Batas {max} lampiran sudah tercapai; lampiran ini tidak kami simpan.',
  'whatsapp.media.type': 'Lampiran ini tidak dapat kami terima. Kirim foto (JPG atau PNG) atau dokumen PDF.',
  'whatsapp.media.tooLarge': 'Lampiran ini terlalu besar (maksimal {max}). Kirim yang lebih kecil.',
  'whatsapp.media.failed': 'Lampiran ini tidak dapat kami ambil dari WhatsApp. Coba kirim sekali lagi.',
  'whatsapp.ask.privacy':
    'Siapa yang boleh mengetahui laporan Anda?\n\n*Anonim*: nama Anda tidak akan ditampilkan, juga kepada instansi yang dilaporkan.\n*Rahasia*: laporan Anda tidak dapat dilihat publik.\nNomor WhatsApp Anda tidak pernah ditampilkan kepada publik.',
  'whatsapp.privacy.normal': 'Biasa',
  'whatsapp.privacy.normal.hint': 'Nama Anda terlihat oleh petugas, laporan dapat dilihat publik',
  'whatsapp.privacy.anonymous': 'Anonim',
  'whatsapp.privacy.anonymous.hint': 'Nama Anda tidak akan ditampilkan',
  'whatsapp.privacy.secret': 'Rahasia',
  'whatsapp.privacy.secret.hint': 'Laporan Anda tidak dapat dilihat publik',
  'whatsapp.privacy.both': 'Anonim dan rahasia',
  'whatsapp.privacy.both.hint': 'Nama tidak ditampilkan dan laporan tidak dapat dilihat publik',
  'whatsapp.ask.updates': 'Boleh kami kirim kabar perkembangan laporan ini (status dan tanggapan instansi) ke nomor WhatsApp ini?',
  'whatsapp.ask.edit': 'Bagian mana yang ingin Anda ubah?',
  'whatsapp.edit.classification': 'Jenis laporan',
  'whatsapp.edit.category': 'Kategori',
  'whatsapp.edit.location': 'Lokasi',
  'whatsapp.edit.date': 'Tanggal kejadian',
  'whatsapp.edit.story': 'Cerita',
  'whatsapp.edit.photos': 'Lampiran (hapus semua)',
  'whatsapp.edit.privacy': 'Anonim/rahasia',
  'whatsapp.edit.updates': 'Kabar ke WhatsApp',

  'whatsapp.summary.title': '*Periksa laporan Anda*',
  'whatsapp.summary.classification': 'Jenis: {value}',
  'whatsapp.summary.category': 'Kategori: {value}',
  'whatsapp.summary.location': 'Lokasi kejadian: {value}',
  'whatsapp.summary.origin': 'Asal pelapor: {value}',
  'whatsapp.summary.date': 'Tanggal kejadian: {value}',
  'whatsapp.summary.story': 'Cerita: {value}',
  'whatsapp.summary.attachments': { other: 'Lampiran: {n}' },
  'whatsapp.summary.privacy': 'Privasi: {value}',
  'whatsapp.summary.updatesYes': 'Kabar perkembangan: ke nomor WhatsApp ini',
  'whatsapp.summary.updatesNo': 'Kabar perkembangan: tidak dikirim (ketik *cek* untuk melihat status)',
  'whatsapp.summary.question': 'Tekan *Kirim* jika sudah benar.',
  'whatsapp.ask.duplicate': 'Anda baru mengirim laporan {trackingId} dengan kategori yang sama {minutes} menit yang lalu. Apakah ini laporan yang berbeda?',
  'whatsapp.duplicate.dropped': 'Baik, laporan ini tidak dikirim. Ketik *cek* untuk melihat laporan Anda sebelumnya.',
  'whatsapp.limit.daily': 'Dari nomor ini sudah masuk {n} laporan dalam 24 jam terakhir, batas harian kami. Draf Anda tetap tersimpan; coba kirim lagi nanti.',
  'whatsapp.filing.invalid': 'Laporan belum dapat dikirim: {problems} Silakan ubah lalu kirim lagi.',

  'whatsapp.filed': 'Laporan Anda sudah kami terima.\n\nNomor pelacakan: *{trackingId}*\nKode akses: *{code}*\n\nSimpan nomor dan kode ini: keduanya diperlukan untuk melihat laporan Anda. Jangan bagikan kode akses kepada siapa pun.',
  'whatsapp.filed.deadline': 'Batas waktu penanganan: {deadline}.',
  'whatsapp.filed.follow': 'Ikuti laporan Anda: {link}',
  'whatsapp.filed.updates': 'Kabar perkembangannya kami kirim ke nomor ini. Ketik *cek {trackingId}* kapan saja untuk melihat statusnya.',
  'whatsapp.filed.noUpdates': 'Ketik *cek {trackingId}* kapan saja untuk melihat statusnya.',

  'whatsapp.ask.reply': 'Apakah pesan ini balasan Anda untuk tanggapan instansi atas laporan {trackingId}?',
  'whatsapp.reply.sent': 'Balasan Anda untuk laporan {trackingId} sudah kami teruskan ke instansi.',
  'whatsapp.reply.dropped': 'Baik, pesan itu tidak kami teruskan.',
  'whatsapp.notify.replyHint': 'Ingin menanggapi? Balas pesan ini.',

  'whatsapp.check.status': 'Laporan {trackingId}: {status}.',
  'whatsapp.check.remaining': 'Laporan {trackingId}: {status}; sisa waktu {time} (batas {deadline}).',
  'whatsapp.check.overdue': 'Laporan {trackingId}: {status}; terlambat {time} dari batas {deadline}.',
  'whatsapp.check.paused': 'Laporan {trackingId}: {status}; batas waktunya berhenti sementara.',
  'whatsapp.check.needCode': 'Laporan {trackingId} tidak dikirim dari nomor ini. Ketik *cek {trackingId}* diikuti kode aksesnya.',
  'whatsapp.check.notFound': 'Laporan {trackingId} tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.',
  'whatsapp.check.tooMany': 'Terlalu banyak percobaan. Coba lagi dalam {n} detik.',
  'whatsapp.check.none': 'Belum ada laporan dari nomor ini. Untuk laporan dari nomor lain, ketik *cek* diikuti nomor pelacakan dan kode aksesnya.',
  'whatsapp.check.unreadable': 'Nomor pelacakan itu tidak dapat kami baca. Contoh: *cek LPR-7K3M-Q9XD*.',

  'whatsapp.button.choose': 'Pilih',
  'whatsapp.button.category': 'Pilih kategori',
  'whatsapp.button.locationYes': 'Benar',
  'whatsapp.button.usePin': 'Pakai titik ini',
  'whatsapp.button.locationType': 'Ketik lokasi',
  'whatsapp.button.today': 'Hari ini',
  'whatsapp.button.yesterday': 'Kemarin',
  'whatsapp.button.otherDate': 'Tanggal lain',
  'whatsapp.button.useFirst': 'Pakai pesan itu',
  'whatsapp.button.next': 'Lanjut',
  'whatsapp.button.updatesYes': 'Ya, kirim kabar',
  'whatsapp.button.updatesNo': 'Tidak usah',
  'whatsapp.button.send': 'Kirim',
  'whatsapp.button.edit': 'Ubah',
  'whatsapp.button.cancel': 'Batal',
  'whatsapp.button.replyYes': 'Ya, teruskan',
  'whatsapp.button.replyNew': 'Laporan baru',
  'whatsapp.button.duplicateSend': 'Ya, kirim juga',
  'whatsapp.button.duplicateDrop': 'Jangan kirim',

  'whatsapp.error.signature': 'Tanda tangan webhook tidak ada atau tidak sah.',
} as const;

/** Channels a report came in by (issue 26): the admin queue's rows and detail say which. */
export const channel = {
  'channel.label': 'Saluran',
  'channel.web': 'Situs web',
  'channel.smart_kampung': 'Smart Kampung',
  'channel.whatsapp': 'WhatsApp',
  'channel.social_media': 'Media sosial',
  'channel.mobile': 'Aplikasi',
  'channel.sms': 'SMS',
  'channel.other': 'Lainnya',
};

export const gatewayHardening = {
  // --- gateway hardening (issue 23): the gateway's own follow page, upload refusals -------
  'followPage.title': 'Lacak laporan {trackingId} — LAPOR!',
  'followPage.heading': 'Laporan {trackingId}',
  'followPage.intro': 'Status laporan Anda, diperbarui langsung. Simpan nomor pelacakan dan kode akses Anda; jangan bagikan kode akses kepada siapa pun.',
  'gatewayError.upload_busy': 'Server sedang menerima banyak lampiran. Lampiran Anda akan dikirim ulang otomatis dalam {n} detik.',
  'gatewayError.upload_in_flight': 'Perangkat ini sedang mengirim {count} lampiran sekaligus. Tunggu sampai selesai, lalu coba lagi dalam {n} detik.',
  'gatewayError.pdf_too_complex': 'Lampiran "{name}" terlalu rumit untuk diperiksa (isinya mengembang melebihi {max} atau memuat lebih dari {objects} objek). Simpan ulang sebagai PDF biasa (misalnya "Simpan sebagai PDF") lalu unggah lagi.',
  'gatewayError.file_check_failed': 'Lampiran "{name}" tidak dapat diperiksa dalam {seconds} detik atau dengan memori yang tersedia. Perkecil atau simpan ulang berkasnya, lalu unggah lagi.',
} as const;
