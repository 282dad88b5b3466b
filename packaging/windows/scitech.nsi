; The installer of 旅顺口区科技服务平台: per user, without administrator rights. Built by `make installer`:
;   makensis -DVERSION=0.1.0 -DEXE=…/scitech.exe -DICON=…/scitech.ico -DOUTFILE=…/scitech-setup-0.1.0.exe
;            [-DSIGN=…/sign.sh] scitech.nsi
; The program goes to %LOCALAPPDATA%\Programs\scitech with Start-menu and desktop shortcuts and an entry in
; Apps & features. The user's data (%APPDATA%\scitech: the database and its backups) is never touched, neither
; here nor by the uninstaller.

Unicode true
; A 64-bit installer for a 64-bit program: it also runs under a Wine without 32-bit support (make windows-test).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | EXE | ICON | OUTFILE
  !error "give VERSION, EXE, ICON and OUTFILE with -D (see make installer)"
!endif

!define NAME_ZH   "旅顺口区科技服务平台"
!define NAME_EN   "Lushunkou Sci-Tech Service Platform"
!define PUBLISHER "大连市旅顺口区科学技术局"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\scitech"

Name "${NAME_ZH}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\scitech"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${NAME_ZH} ${VERSION}"

; The uninstaller is signed as it is written, when the installer is being signed.
!ifdef SIGN
  !uninstfinalize '"${SIGN}" "%1"'
!endif

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${NAME_ZH}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${NAME_ZH} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "© ${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\scitech.exe"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; Windows set to English gets English.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString KeepData ${LANG_SIMPCHINESE} "卸载只删除程序和它的快捷方式。您的数据库和备份保存在 $APPDATA\scitech，卸载后仍保留在那里，重新安装后可继续使用；如确实不再需要，请自行删除该文件夹。"
LangString KeepData ${LANG_ENGLISH} "Uninstalling removes only the program and its shortcuts. Your database and its backups in $APPDATA\scitech stay where they are, for a later installation to use; delete that folder yourself if you no longer need them."

Section "scitech" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=scitech.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${NAME_ZH}.lnk" "$INSTDIR\scitech.exe" "" "$INSTDIR\scitech.exe" 0 \
    SW_SHOWNORMAL "" "${NAME_EN}"
  CreateShortcut "$DESKTOP\${NAME_ZH}.lnk" "$INSTDIR\scitech.exe" "" "$INSTDIR\scitech.exe" 0 \
    SW_SHOWNORMAL "" "${NAME_EN}"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME_ZH}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\scitech.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${NAME_ZH}.lnk"
  Delete "$DESKTOP\${NAME_ZH}.lnk"
  Delete "$INSTDIR\scitech.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: whatever else the user put there stays
  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "$(KeepData)"
SectionEnd
